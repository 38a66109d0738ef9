using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.FunctionalTests.Infrastructure;
using NewsPlatform.Platform.EventStore;
using NewsPlatform.Platform.Http;
using Parquet;

namespace NewsPlatform.FunctionalTests.History;

/// <summary>
/// The fast export (plain Npgsql reader, data transcoded from the stored JSON) gives exactly what building each event
/// with Marten and serialising it with the API's options gives, masked the same; NDJSON, gzip and Parquet hold the same rows.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EventExportTests(PlatformFixture platform)
{
    [Fact]
    public async Task Ndjson_gzip_and_parquet_hold_the_same_rows_as_the_events_marten_builds_masked_the_same()
    {
        using var editor = platform.Client("editor");
        using var reader = platform.Client();
        var (articleId, _, _) = await Newsroom.Published(editor, Newsroom.Story("Export round trip", Newsroom.UniqueTag()));
        await Eventually.Until(() => reader.GetAsync($"/api/articles/{articleId}/comments"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the thread");
        var token = Guid.NewGuid().ToString("N");
        var posted = await reader.PostAsync($"/api/articles/{articleId}/comments", Api.JsonBody(new
        {
            authorName = $"N{token[..8]}", authorEmail = $"{token}@example.mu", website = $"https://{token[..8]}.mu", body = "Body <b>&</b>",
        }));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        using var analyst = platform.Client("analyst");
        foreach (var (prefix, host) in new (string, IServiceProvider)[]
                 {
                     ("/api/articles", platform.Articles.Services), ("/api/comments", platform.Comments.Services),
                 })
        {
            var expected = await ThroughMarten(host);
            Assert.NotEmpty(expected);
            var last = (long)expected[^1]["sequence"]!;

            var ndjson = Lines(await (await analyst.GetAsync($"{prefix}/events?limit=100000000&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}")).Content.ReadAsStringAsync())
                .Where(l => (long)l["sequence"]! <= last).ToList();
            AssertSameRows(expected, ndjson);

            using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, $"{prefix}/events?limit=100000000");
            gzipRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            var gzipped = await analyst.SendAsync(gzipRequest);
            Assert.Equal("gzip", Assert.Single(gzipped.Content.Headers.ContentEncoding));
            await using (var unzip = new GZipStream(await gzipped.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
            {
                AssertSameRows(expected, Lines(await new StreamReader(unzip).ReadToEndAsync()).Where(l => (long)l["sequence"]! <= last).ToList());
            }

            using var parquetRequest = new HttpRequestMessage(HttpMethod.Get, $"{prefix}/events?limit=100000000");
            parquetRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.apache.parquet"));
            var parquet = await analyst.SendAsync(parquetRequest);
            Assert.Equal(HttpStatusCode.OK, parquet.StatusCode);
            Assert.Equal("application/vnd.apache.parquet", parquet.Content.Headers.ContentType!.MediaType);
            var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.parquet");
            await File.WriteAllBytesAsync(file, await parquet.Content.ReadAsByteArrayAsync());
            try
            {
                AssertSameRows(expected, (await ReadWithParquetNet(file)).Where(l => (long)l["sequence"]! <= last).ToList(), Millisecond);
                AssertSameRows(expected, ReadWithDuckDb(file).Where(l => (long)l["sequence"]! <= last).ToList(), Millisecond);
            }
            finally
            {
                File.Delete(file);
            }
        }

        var comments = await (await analyst.GetAsync("/api/comments/events?types=comment_posted&format=parquet&limit=100000000")).Content.ReadAsByteArrayAsync();
        Assert.True(comments.Length > 0);
        Assert.Equal(-1, System.Text.Encoding.UTF8.GetString(comments).IndexOf(token[..8], StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/api/articles/events?format=xml")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/api/articles/events?streamId=nope")).StatusCode);
        var one = Lines(await (await analyst.GetAsync($"/api/articles/events?streamId={articleId}&limit=1000")).Content.ReadAsStringAsync());
        Assert.Equal(["article_drafted", "article_published"], one.Select(l => (string)l["type"]!));
    }

    private const long Millisecond = TimeSpan.TicksPerMillisecond;

    /// <summary>The slow road the export used to take: every event built by Marten, masked, serialised with the API's options.</summary>
    private static async Task<List<JsonObject>> ThroughMarten(IServiceProvider services)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var masking = services.GetService<EventExportMasking>();
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        return [.. events.Select(e =>
        {
            var data = masking?.Apply(e.Data) ?? e.Data;
            return new JsonObject
            {
                ["sequence"] = e.Sequence, ["streamId"] = e.StreamId.ToString(), ["version"] = e.Version, ["type"] = e.EventTypeName,
                ["at"] = e.Timestamp.UtcDateTime, ["data"] = JsonSerializer.SerializeToNode(data, data.GetType(), JsonDefaults.Web),
                ["correlationId"] = e.CorrelationId, ["causationId"] = e.CausationId,
            };
        })];
    }

    private static List<JsonObject> Lines(string ndjson) =>
        [.. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

    private static void AssertSameRows(List<JsonObject> expected, List<JsonObject> actual, long precision = 10)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal((long)e["sequence"]!, (long)a["sequence"]!);
            Assert.Equal((string)e["streamId"]!, (string)a["streamId"]!);
            Assert.Equal((long)e["version"]!, (long)a["version"]!);
            Assert.Equal((string)e["type"]!, (string)a["type"]!);
            // Parquet keeps milliseconds (docs/decisions/0019), NDJSON the microseconds PostgreSQL keeps.
            Assert.Equal(((DateTime)e["at"]!).Ticks / precision, ((DateTime)a["at"]!).ToUniversalTime().Ticks / precision);
            Assert.Equal((string?)e["correlationId"], (string?)a["correlationId"]);
            Assert.Equal((string?)e["causationId"], (string?)a["causationId"]);
            Assert.True(JsonNode.DeepEquals(e["data"], a["data"]), $"{e["type"]} #{e["sequence"]}: {e["data"]!.ToJsonString()} vs {a["data"]?.ToJsonString()}");
        }
    }

    internal static async Task<List<JsonObject>> ReadWithParquetNet(string file)
    {
        await using var stream = File.OpenRead(file);
        await using var parquet = await ParquetReader.CreateAsync(stream);
        var field = (string name) => parquet.Schema.FindDataField(name);
        var rows = new List<JsonObject>();
        for (var g = 0; g < parquet.RowGroupCount; g++)
        {
            using var group = parquet.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            async Task<T[]> Values<T>(string name) where T : struct
            {
                var values = new T[n];
                await group.ReadAsync<T>(field(name), values, null);
                return values;
            }

            async Task<string?[]> Strings(string name)
            {
                var values = new string?[n];
                await group.ReadAsync(field(name), values.AsMemory(), null);
                return values;
            }

            var (sequence, version, at) = (await Values<long>("sequence"), await Values<long>("version"), await Values<DateTime>("at"));
            var (streamId, type, data) = (await Strings("streamId"), await Strings("type"), await Strings("data"));
            var (correlation, causation) = (await Strings("correlationId"), await Strings("causationId"));
            for (var i = 0; i < n; i++)
            {
                rows.Add(new JsonObject
                {
                    ["sequence"] = sequence[i], ["streamId"] = streamId[i], ["version"] = version[i], ["type"] = type[i],
                    ["at"] = at[i], ["data"] = JsonNode.Parse(data[i]!), ["correlationId"] = correlation[i], ["causationId"] = causation[i],
                });
            }
        }

        return rows;
    }

    internal static List<JsonObject> ReadWithDuckDb(string file)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"select \"sequence\", streamId, \"version\", \"type\", \"at\", \"data\", correlationId, causationId from read_parquet('{file}') order by 1";
        using var reader = command.ExecuteReader();
        var rows = new List<JsonObject>();
        while (reader.Read())
        {
            rows.Add(new JsonObject
            {
                ["sequence"] = reader.GetInt64(0), ["streamId"] = reader.GetString(1), ["version"] = reader.GetInt64(2),
                ["type"] = reader.GetString(3), ["at"] = DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc),
                ["data"] = JsonNode.Parse(reader.GetString(5)),
                ["correlationId"] = reader.IsDBNull(6) ? null : reader.GetString(6), ["causationId"] = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        }

        return rows;
    }
}
