using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace NewsPlatform.FunctionalTests.Security;

/// <summary>One generated request: what is sent, who sends it, and what about it is hostile (for the report).</summary>
public sealed record HostileRequest(
    PlatformRoute Route,
    string Caller,
    string PathAndQuery,
    IReadOnlyList<(string Name, string Value)> Headers,
    byte[]? Body,
    string? ContentType,
    string Shape)
{
    public string Describe(int max = 400)
    {
        var headers = string.Join(" ", Headers.Select(h => $"{h.Name}: {Clip(h.Value, 60)}"));
        var body = Body is null ? "(no body)" : $"{Body.Length} bytes {Clip(Printable(Body), 200)}";
        return Clip($"{Route.Method} {PathAndQuery} as {Caller} [{Shape}] Content-Type: {ContentType ?? "(none)"} {headers} body: {body}", max);
    }

    public static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + $"…(+{text.Length - max})";

    /// <summary>Bytes as text with every control or non-ASCII character shown as an escape, so a report can be read and pasted.</summary>
    public static string Printable(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 2000));
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and < (char)127 ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return builder.ToString();
    }
}

/// <summary>
/// CsCheck generators of hostile input: wrong JSON types, huge and negative numbers, Unicode edge cases (lone surrogates,
/// RTL overrides, zero-width characters, combining marks, emoji, NUL), deep JSON, long headers, path traversal, script
/// payloads, wrong content types, invalid If-Match values and invalid GUIDs (the all-zero one included).
/// </summary>
public sealed class HostileGenerators(SecurityWorld world, IReadOnlyList<PlatformRoute> routes)
{
    public const string AllZeroGuid = "00000000-0000-0000-0000-000000000000";

    public static readonly string[] Scripts =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "javascript:alert(1)",
        "<iframe src=javascript:alert(1)>",
        "</textarea><script>alert(1)</script>",
        "{{constructor.constructor('alert(1)')()}}",
    ];

    public static readonly string[] Traversals =
    [
        "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2f", "..\\..\\windows\\win.ini",
        "....//....//", "%252e%252e%252f", "/%2e%2e/%2e%2e/api/comments/moderation", "..;/..;/", "%c0%ae%c0%ae/",
    ];

    public static readonly string[] InvalidGuids =
    [
        AllZeroGuid, "{00000000-0000-0000-0000-000000000000}", "ffffffff-ffff-ffff-ffff-ffffffffffff", "not-a-guid",
        "00000000-0000-0000-0000-00000000000", "00000000-0000-0000-0000-0000000000000", "0", "-1", "%00",
        "01a2b3c4-zzzz-7000-8000-000000000000", "00000000000000000000000000000000",
    ];

    /// <summary>Strings that have broken parsers, databases, logs or pages somewhere.</summary>
    public static readonly string[] Nasty =
    [
        "", " ", "\0", "a\0b", "\u202Eevil\u202C.exe", "\u200B\u200C\u200D\uFEFF", "\u2066\u2067\u2068\u2069",
        "e" + string.Concat(Enumerable.Repeat("\u0301", 200)), "👩‍👩‍👧‍👦🇲🇺🏳️‍🌈", "\uD800", "\uDC00", "a\uDBFFb", "\uFFFF\uFFFE",
        "' OR 1=1 --", "'; DROP TABLE mt_events; --", "\"; select pg_sleep(5); --", "%s%s%s%n", "${jndi:ldap://x/a}",
        "null", "true", "-1", "NaN", "Infinity", "\r\nSet-Cookie: x=1", "\t\v\f", "ʼ", "İıſK", "ﷺ", "𝕳𝖊𝖑𝖑𝖔",
        "Île Maurice : élections", "<!--", "]]>", "\\", "\\u0000", "%", "%%", "+", "&", "#", "?", "/",
    ];

    private static readonly string[] EdgeChars =
    [
        "\0", "\u0001", "\u001F", "\u007F", "\u0085", "\u00A0", "\u200B", "\u200D", "\u202E", "\u2028", "\u2029", "\uFEFF",
        "\u0301", "\u0308", "\uD83D\uDE00", "\uD800", "\uDFFF", "<", ">", "\"", "'", "&", "\\", "/", "é", "ß", "中", "ع", "a",
    ];

    public static readonly Gen<string> Text = Gen.Frequency(
        (6, (IGen<string>)Gen.OneOf(Nasty)),
        (4, Gen.OneOf(Scripts)),
        (2, Gen.OneOf(Traversals)),
        (2, Gen.OneOf(InvalidGuids)),
        (4, Gen.OneOf(EdgeChars).Array[1, 40].Select(parts => string.Concat(parts))),
        (1, Gen.Int[201, 70_000].Select(n => new string('x', n))),
        (1, Gen.Int[1, 3].Select(n => string.Concat(Enumerable.Repeat("<script>alert(1)</script>", n * 20)))));

    /// <summary>A JSON value as raw text, valid or not: the wrong type, an absurd number, a hostile string.</summary>
    public static readonly Gen<string> JsonValue = Gen.Frequency(
        (6, (IGen<string>)Text.Select(JsonString)),
        (3, Gen.OneOf("-1", "0", "-0", "1.5", "-9223372036854775809", "9223372036854775808", "1e309", "-1e309",
            "99999999999999999999999999999999999999", "2147483648", "-2147483649", "1E-400", "0x10", "NaN", "Infinity", "01")),
        (2, Gen.OneOf("true", "false", "null", "[]", "{}", "[null]", "{\"$type\":\"System.IO.FileInfo\"}", "[[[]]]")),
        (1, Gen.OneOf("\"2026-13-45T25:61:61Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.9999999+14:00\"", "\"yesterday\"")),
        (1, Gen.Int[100, 10_000].Select(n => new string('[', n) + new string(']', n))),
        (1, Text.Array[1, 5].Select(items => "[" + string.Join(",", items.Select(JsonString)) + "]")));

    private static readonly string[] IfMatchValues =
    [
        "*", "\"0\"", "\"-1\"", "W/\"1\"", "\"99999999999999999999\"", "1", "abc", "\"1\", \"2\"", "\"\"", "\"", "\"1",
        "\"" + new string('9', 5000) + "\"", "\"<script>\"", "W/", "\"2\" ,, \"3\"", "\"NaN\"",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=ebcdic", "garbage/", "application/problem+json",
        "application/json; charset=\"", "*/*", "text/html",
    ];

    /// <summary>Every field of a JSON string escaped to ASCII, lone surrogates included (a serializer would refuse them).</summary>
    public static string JsonString(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' || c > '~' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Hostile requests on any of the routes, as the callers who may use each route send them (mostly).</summary>
    public Gen<HostileRequest> Requests() =>
        Gen.Int[0, routes.Count - 1].SelectMany(i => For(routes[i]));

    public Gen<HostileRequest> For(PlatformRoute route) =>
        Gen.Select(Caller(route), Path(route), Query(route), Headers(route), Body(route),
            (caller, path, query, headers, body) => new HostileRequest(route, caller, path.Value + query.Value, headers.Value,
                body.Bytes, body.ContentType, string.Join(",", new[] { path.Shape, query.Shape, headers.Shape, body.Shape }.Where(s => s.Length > 0))));

    /// <summary>Mostly a caller allowed in, so that validation (not the door) is what gets exercised.</summary>
    private static Gen<string> Caller(PlatformRoute route)
    {
        var allowed = route.Roles is null or { Count: 0 }
            ? new[] { AuthorizationMatrixTests.Anonymous, "editor", "advertiser" }
            : route.Roles.ToArray();
        return Gen.Frequency(
            (9, (IGen<string>)Gen.OneOf(allowed)),
            (1, Gen.OneOf(AuthorizationMatrixTests.Callers)));
    }

    private sealed record Part(string Value, string Shape);

    private sealed record BodyPart(byte[]? Bytes, string? ContentType, string Shape);

    private Gen<Part> Path(PlatformRoute route)
    {
        if (route.RouteValues.Count == 0) return Gen.Const(new Part(route.Pattern, ""));
        var value = Gen.Frequency(
            (4, (IGen<(string, string)>)Gen.Const(("", "real"))),
            (2, Gen.OneOf(InvalidGuids).Select(v => (Uri.EscapeDataString(v), "guid"))),
            (2, Gen.OneOf(Traversals).Select(v => (v, "traversal"))),
            (3, Text.Select(v => (Uri.EscapeDataString(v.Length > 3000 ? v[..3000] : v), "text"))));
        return value.Array[route.RouteValues.Count].Select(values =>
        {
            var shapes = new List<string>();
            var path = world.Path(route, name =>
            {
                var (text, shape) = values[route.RouteValues.ToList().IndexOf(name)];
                if (shape == "real") return Uri.EscapeDataString(world.RouteValue(route, name));
                shapes.Add($"path {name}:{shape}");
                return text.Length == 0 ? "%20" : text;
            });
            return new Part(path, string.Join(",", shapes));
        });
    }

    private Gen<Part> Query(PlatformRoute route)
    {
        var names = route.QueryParameters.Select(q => q.Name).Concat(["page", "pageSize", "lang", "x"]).Distinct().ToArray();
        var pair = Gen.Select(Gen.OneOf(names), Gen.Frequency(
            (3, (IGen<string>)Text),
            (3, Gen.OneOf("-1", "0", "101", "2147483648", "99999999999999999999", "1e10", "NaN", "true", "", "9999-12-31T23:59:59Z",
                "0001-01-01", "2026-13-45", AllZeroGuid, "fr-MU", "mfe", "xx-" + new string('x', 300))),
            (1, Gen.Const(world.ArticleId.ToString()))));
        return pair.Array[0, 4].Select(pairs => pairs.Length == 0
            ? new Part("", "")
            : new Part("?" + string.Join("&", pairs.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2.Length > 4000 ? p.Item2[..4000] : p.Item2)}")),
                "query " + string.Join("+", pairs.Select(p => p.Item1))));
    }

    private static Gen<Part<IReadOnlyList<(string, string)>>> Headers(PlatformRoute route)
    {
        var header = Gen.Frequency(
            (4, (IGen<(string, string)>)Gen.OneOf(IfMatchValues).Select(v => ("If-Match", v))),
            (1, Gen.OneOf(IfMatchValues).Select(v => ("If-None-Match", v))),
            (2, Gen.Int[4_000, 40_000].Select(n => ("X-Probe", new string('h', n)))),
            (2, HeaderText.Select(v => ("Accept-Language", v))),
            (2, HeaderText.Select(v => ("Idempotency-Key", v))),
            (1, Gen.OneOf("00-zzzz-zzzz-01", "00-" + new string('0', 32) + "-" + new string('0', 16) + "-01", "ff-x").Select(v => ("traceparent", v))),
            (1, Gen.OneOf("application/vnd.apache.parquet", "text/html", "*/*;q=nope", "application/xml").Select(v => ("Accept", v))),
            (1, Gen.OneOf("gzip, br, deflate, zstd", "x-hostile").Select(v => ("Accept-Encoding", v))),
            (1, HeaderText.Select(v => ("X-Forwarded-For", v))));
        return header.Array[0, 3].Select(h => new Part<IReadOnlyList<(string, string)>>(h, h.Length == 0 ? "" : "headers " + string.Join("+", h.Select(x => x.Item1))));
    }

    private sealed record Part<T>(T Value, string Shape);

    /// <summary>Header values may carry any Unicode (sent as UTF-8) but no line breaks or NUL, which the client refuses to send.</summary>
    private static readonly Gen<string> HeaderText = Text.Select(t => new string(t.Where(c => c is not ('\r' or '\n' or '\0')).ToArray()))
        .Select(t => t.Length > 8000 ? t[..8000] : t);

    private Gen<BodyPart> Body(PlatformRoute route)
    {
        if (!route.IsWrite) return Gen.Frequency((9, (IGen<BodyPart>)Gen.Const(new BodyPart(null, null, ""))), (1, RawBody()));
        var template = world.Template(route) as JsonObject;
        var fields = template?.Select(p => p.Key).ToArray() ?? [];
        var mutated = fields.Length == 0
            ? RawBody()
            : Gen.Select(Gen.OneOf(fields).Array[1, Math.Min(3, fields.Length)], JsonValue.Array[3], (names, values) =>
            {
                var copy = (JsonObject)template!.DeepClone();
                var raw = new Dictionary<string, string>();
                for (var i = 0; i < names.Length; i++)
                {
                    var marker = $"@@hostile{i}@@";
                    copy[names[i]] = marker;
                    raw[$"\"{marker}\""] = values[i];
                }

                var text = copy.ToJsonString();
                foreach (var (marker, value) in raw) text = text.Replace(marker, value);
                return new BodyPart(Encoding.UTF8.GetBytes(text), "application/json", "body " + string.Join("+", names.Distinct()));
            });
        return Gen.Frequency(
            (6, (IGen<BodyPart>)mutated),
            (3, RawBody()),
            (1, Gen.Select(mutated, Gen.OneOf(ContentTypes), (b, type) => b with { ContentType = type, Shape = b.Shape + " as " + type })));
    }

    /// <summary>Bodies that are not the request's shape at all: malformed, deep, huge, of another type, or not even UTF-8.</summary>
    private static Gen<BodyPart> RawBody()
    {
        static BodyPart Json(string text, string shape) => new(Encoding.UTF8.GetBytes(text), "application/json", shape);
        return Gen.Frequency(
            (2, (IGen<BodyPart>)Gen.OneOf("{", "{\"title\":", "}{", "[1,2", "{'title':'x'}", "{\"a\":1,}", "{\"a\" 1}", "", " ", "\0")
                .Select(t => Json(t, "malformed json"))),
            (2, Gen.OneOf("null", "[]", "1", "\"text\"", "true", "[{}]", "-1e309").Select(t => Json(t, "wrong top-level type"))),
            (2, Gen.OneOf(
                new string('[', 10_000) + new string(']', 10_000),
                string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000),
                new string('[', 70) + new string(']', 70)).Select(t => Json(t, "deep json"))),
            (1, Gen.Int[262_145, 400_000].Select(n => Json("{\"title\":\"" + new string('a', n) + "\"}", "over 256 KiB"))),
            (1, Gen.OneOf(
                new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D },
                new byte[] { 0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00 },
                new byte[] { 0xEF, 0xBB, 0xBF, 0x7B, 0x7D },
                new byte[] { 0xED, 0xA0, 0x80 },
                new byte[] { 0x00, 0x00, 0x00 }).Select(b => new BodyPart(b, "application/json", "invalid utf-8"))),
            (1, Gen.OneOf(ContentTypes).Select(t => new BodyPart(Encoding.UTF8.GetBytes("title=x&body=<script>alert(1)</script>"), t, "form as " + t))),
            (1, JsonValue.Select(v => Json(v, "bare value"))),
            (1, Text.Select(t => Json("{\"" + t.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\":1}", "hostile key"))));
    }
}
