using System.Buffers.Binary;
using System.Text.Json;
using NewsPlatform.Articles.Drafting;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.UnitTests.Articles;

/// <summary>
/// The demo stories (tools/Seed/stories.json) each have a picture the articles service accepts, and the file is in
/// web/wwwroot/media, small, a real JPEG of the size the story says.
/// </summary>
public sealed class SeedPictureTests
{
    private const int MaxBytes = 60 * 1024;

    private static readonly string Root = FindRoot();

    [Fact]
    public void Every_demo_story_has_an_accepted_picture_of_its_own_that_the_site_serves()
    {
        using var stories = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "tools", "Seed", "stories.json")));
        var urls = new List<string>();
        foreach (var story in stories.RootElement.EnumerateArray())
        {
            var image = story.GetProperty("image").Deserialize<ImageInput>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            var errors = new ValidationErrors();
            ImageRules.Validate(image, errors);
            Assert.False(errors.Any, $"{story.GetProperty("key")}: {string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value))}");
            Assert.StartsWith(ImageRules.MediaPrefix, image.Url);
            Assert.Equal("NewsPlatform", image.Credit);
            urls.Add(image.Url!);

            var file = Path.Combine(Root, "web", "wwwroot", "media", image.Url![ImageRules.MediaPrefix.Length..]);
            var bytes = File.ReadAllBytes(file);
            Assert.InRange(bytes.Length, 1, MaxBytes);
            Assert.Equal((image.Width, image.Height), JpegSize(bytes));
        }

        Assert.Equal(urls.Count, urls.Distinct().Count());
    }

    /// <summary>Width and height from the JPEG's start-of-frame segment; fails on anything that is not a JPEG.</summary>
    private static (int?, int?) JpegSize(byte[] jpeg)
    {
        Assert.True(jpeg is [0xFF, 0xD8, ..], "not a JPEG");
        var at = 2;
        while (at + 9 < jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[at]);
            var marker = jpeg[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            if (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 7)), BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 5)));
            }

            at += 2 + length;
        }

        throw new InvalidDataException("No frame header in the JPEG.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsPlatform.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("The repository root (NewsPlatform.sln) is not above the test assembly.");
    }
}
