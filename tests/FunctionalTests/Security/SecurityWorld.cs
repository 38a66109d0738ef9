using System.Collections;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using NewsPlatform.FunctionalTests.Advertising;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Security;

/// <summary>
/// Real things for the security tests to aim at: a published article with a comment, two advertisers, and a campaign of
/// the first one. A request on a real id goes past the "unknown id" check into the validation and the ownership rules,
/// which is where the interesting answers are.
/// </summary>
public sealed class SecurityWorld
{
    public required Guid ArticleId { get; init; }
    public required string ArticleSlug { get; init; }
    public required Guid CommentId { get; init; }
    public required Guid AdvertiserId { get; init; }
    public required Guid OtherAdvertiserId { get; init; }
    public required Guid CampaignId { get; init; }

    /// <summary>The owner of <see cref="CampaignId"/>.</summary>
    public string AdvertiserToken => Tokens.For("advertiser", AdvertiserId.ToString(), subject: $"advertiser-{AdvertiserId:N}");

    /// <summary>An advertiser who owns nothing here.</summary>
    public string OtherAdvertiserToken => Tokens.For("advertiser", OtherAdvertiserId.ToString(), subject: $"advertiser-{OtherAdvertiserId:N}");

    /// <summary>The bearer token of a caller of the matrix (null for anonymous).</summary>
    public string? TokenFor(string caller) => caller switch
    {
        AuthorizationMatrixTests.Anonymous => null,
        "advertiser" => AdvertiserToken,
        AuthorizationMatrixTests.OtherAdvertiser => OtherAdvertiserToken,
        _ => Tokens.For(caller),
    };

    public static async Task<SecurityWorld> CreateAsync(PlatformFixture platform)
    {
        using var editor = platform.Client("editor");
        using var admin = platform.Client("admin");
        using var anonymous = platform.Client();

        var tag = Newsroom.UniqueTag();
        var (articleId, _, article) = await Newsroom.Published(editor, Newsroom.Story($"Security world {tag}", tag));
        var slug = (string)article["slug"]!;

        // The thread opens when the publication crosses RabbitMQ.
        var posted = await Eventually.Until(
            () => anonymous.PostAsync($"/api/articles/{articleId}/comments", Api.JsonBody(new
            {
                authorName = "Anjali",
                authorEmail = $"anjali-{tag}@example.test",
                body = "A comment to aim at.",
            })),
            r => r.StatusCode == HttpStatusCode.Accepted, TimeSpan.FromSeconds(20), "the comment thread opening");
        var commentId = (Guid)(await posted.ReadObject())["id"]!;

        var advertiserId = await AdDesk.Advertiser(admin, $"Owner {tag}");
        var otherAdvertiserId = await AdDesk.Advertiser(admin, $"Rival {tag}");
        var created = await admin.PostAsync("/api/ads/campaigns", Api.JsonBody(AdDesk.Campaign(advertiserId, tag)));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaignId = (Guid)(await created.ReadObject())["id"]!;

        return new SecurityWorld
        {
            ArticleId = articleId,
            ArticleSlug = slug,
            CommentId = commentId,
            AdvertiserId = advertiserId,
            OtherAdvertiserId = otherAdvertiserId,
            CampaignId = campaignId,
        };
    }

    /// <summary>The real value of a route parameter, by what the route is about.</summary>
    public string RouteValue(PlatformRoute route, string name)
    {
        var p = route.Pattern;
        return name switch
        {
            "id" when p.StartsWith("/api/ads/campaigns/", StringComparison.Ordinal) => CampaignId.ToString(),
            "id" when p.StartsWith("/api/ads/advertisers/", StringComparison.Ordinal) => AdvertiserId.ToString(),
            "id" when p.StartsWith("/api/comments/", StringComparison.Ordinal) => CommentId.ToString(),
            "id" or "articleId" => ArticleId.ToString(),
            "lang" => "fr",
            "slug" => ArticleSlug,
            "token" => "not-a-real-token",
            "name" => "no-such-projection",
            "email" => "nobody@example.test",
            "kind" => "tags",
            "key" => "security-matrix",
            "creativeId" => Guid.CreateVersion7().ToString(), // a creative the campaign does not have: past the door, 404
            _ => "x",
        };
    }

    public string Path(PlatformRoute route, Func<string, string>? valueOf = null)
    {
        var path = route.Pattern;
        foreach (var name in route.RouteValues)
        {
            var value = valueOf?.Invoke(name) ?? Uri.EscapeDataString(RouteValue(route, name));
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + name + "(:[^}]*)?\\}", value.Replace("$", "$$"));
        }

        return path;
    }

    /// <summary>
    /// A plausible JSON body for the route's request type, made from its constructor by the names of its fields, so that a
    /// hostile variation of one field reaches that field's validation instead of stopping at the first missing one.
    /// </summary>
    public JsonNode? Template(PlatformRoute route)
    {
        if (route.BodyType is null) return route.IsWrite ? new JsonObject() : null;
        return Sample(route.BodyType, "", 0);
    }

    private JsonNode? Sample(Type type, string name, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var n = name.ToLowerInvariant();
        if (t == typeof(string))
        {
            return n switch
            {
                _ when n.Contains("email") => $"reader-{Guid.NewGuid():N}@example.test",
                _ when n.Contains("url") || n == "website" => "https://example.test/page",
                "lang" or "language" => "en",
                "priority" => "standard",
                "kind" => "text",
                "slot" => "top",
                "section" => "politics",
                "reason" => "spam",
                "mode" => "premoderation",
                "value" or "name" or "title" or "text" or "summary" or "alttext" or "authorname" => "Security probe",
                "body" or "html" => "<p>Security probe</p>",
                _ => "probe",
            };
        }

        if (n == "parentid") return null; // a reply to nothing: the top of a thread
        if (t == typeof(Guid)) return n.Contains("advertiser") ? AdvertiserId.ToString() : ArticleId.ToString();
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime))
        {
            return (n.Contains("end") ? DateTimeOffset.UtcNow.AddDays(10) : DateTimeOffset.UtcNow.AddDays(-1)).ToString("O");
        }

        if (t == typeof(bool)) return false;
        if (t.IsEnum) return Enum.GetNames(t).First().ToLowerInvariant();
        if (t.IsPrimitive || t == typeof(decimal)) return n.Contains("width") || n.Contains("height") ? 300 : 1;
        if (depth > 3) return null;
        if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t))
        {
            var element = t.IsArray ? t.GetElementType()! : t.GetGenericArguments().FirstOrDefault() ?? typeof(string);
            var singular = n switch { "slots" => "slot", "languages" => "lang", "sections" => "section", _ => n.TrimEnd('s') };
            return new JsonArray(Sample(element, singular, depth + 1));
        }

        var constructor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        var obj = new JsonObject();
        if (constructor is null) return obj;
        foreach (var parameter in constructor.GetParameters())
        {
            var camel = char.ToLowerInvariant(parameter.Name![0]) + parameter.Name[1..];
            obj[camel] = Sample(parameter.ParameterType, parameter.Name, depth + 1);
        }

        return obj;
    }
}
