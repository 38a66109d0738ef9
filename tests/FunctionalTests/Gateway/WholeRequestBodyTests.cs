using System.Net;
using System.Net.Sockets;
using System.Text;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.FunctionalTests.Gateway;

/// <summary>
/// A service acts on a request only when the gateway has all of it: a body that proves too large after the headers
/// left must not leave a change behind a 413. (Found by the hostile-input test: a spam mark appended while the
/// caller was told 413, when the gateway had forwarded the headers of a body-less route before reading the body.)
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WholeRequestBodyTests(PlatformFixture platform)
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_chunked_body_that_grows_past_the_limit_after_the_headers_changes_nothing()
    {
        var (commentId, articleId) = await ApprovedComment();

        // The headers and a first chunk; a pause long enough for a service that got the headers to act; then 300 KiB.
        var answer = await RawPost($"/api/comments/{commentId}/spam", async stream =>
        {
            await Chunk(stream, "{}");
            await Task.Delay(TimeSpan.FromSeconds(1));
            for (var i = 0; i < 30; i++) await Chunk(stream, new string(' ', 10 * 1024));
            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }, chunked: true);

        Assert.StartsWith("HTTP/1.1 413", answer);
        Assert.Equal("approved", await StatusOf(commentId));
        using var reader = platform.Client();
        Assert.Equal(1, (int)(await (await reader.GetAsync($"/api/articles/{articleId}/comments")).ReadObject())["total"]!);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_anything_is_forwarded()
    {
        var (commentId, _) = await ApprovedComment();

        // Content-Length says 300 KiB; only the headers are sent, and the connection stays open.
        var answer = await RawPost($"/api/comments/{commentId}/spam", _ => Task.CompletedTask, contentLength: 300 * 1024);

        Assert.StartsWith("HTTP/1.1 413", answer);
        Assert.Contains("application/problem+json", answer);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal("approved", await StatusOf(commentId));
    }

    private async Task<(Guid CommentId, Guid ArticleId)> ApprovedComment()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (articleId, _, _) = await Newsroom.Published(editor, Newsroom.Story("Whole bodies", Newsroom.UniqueTag()));
        var posted = await Eventually.Until(
            () => reader.PostAsync($"/api/articles/{articleId}/comments", Api.JsonBody(new
            {
                authorName = "Reader",
                authorEmail = $"{Guid.NewGuid():N}@example.mu",
                body = "A comment a moderator will not get to mark as spam.",
            })),
            r => r.StatusCode == HttpStatusCode.Accepted, MessageTimeout, "the thread to open");
        var body = await posted.ReadObject();
        var commentId = (Guid)body["id"]!;
        if ((string)body["status"]! != "approved")
        {
            using var moderator = platform.Client("moderator");
            Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsync($"/api/comments/{commentId}/approve", null)).StatusCode);
        }

        return (commentId, articleId);
    }

    private async Task<string?> StatusOf(Guid commentId)
    {
        using var moderator = platform.Client("moderator");
        foreach (var status in new[] { "approved", "spam" })
        {
            var queue = await (await moderator.GetAsync($"/api/comments/moderation?status={status}&pageSize=100")).ReadObject();
            if (queue["items"]!.AsArray().Any(c => (Guid)c!["id"]! == commentId)) return status;
        }

        return null;
    }

    /// <summary>A moderator's POST written by hand on a socket, so that the test decides when each byte of the body leaves.</summary>
    private async Task<string> RawPost(string path, Func<NetworkStream, Task> writeBody, bool chunked = false, long? contentLength = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, platform.Gateway.Port);
        await using var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{platform.Gateway.Port}\r\n")
            .Append($"Authorization: Bearer {Tokens.For("moderator")}\r\nContent-Type: application/json\r\n")
            .Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {contentLength}\r\n")
            .Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        try
        {
            await writeBody(stream);
        }
        catch (IOException)
        {
            // The gateway may answer and close while the body is still being sent: its answer is what counts.
        }

        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[16 * 1024];
        var received = new StringBuilder();
        try
        {
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, read.Token);
                if (n == 0) break;
                received.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
        }
        catch (IOException)
        {
        }

        return received.ToString();
    }

    private static async Task Chunk(NetworkStream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{bytes.Length:X}\r\n"));
        await stream.WriteAsync(bytes);
        await stream.WriteAsync("\r\n"u8.ToArray());
    }
}
