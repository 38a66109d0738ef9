using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NewsPlatform.FunctionalTests.Infrastructure;
using Xunit.Abstractions;

namespace NewsPlatform.FunctionalTests.Security;

/// <summary>
/// Every route × every caller (anonymous, each role, and an advertiser who does not own the campaign) through the
/// gateway, against the "who" column of CONTRACT.md. The routes come from the endpoint metadata of the running processes:
/// a route with no line in <see cref="Contract"/> fails the test, so nobody adds a door without saying who may open it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuthorizationMatrixTests(PlatformFixture platform, ITestOutputHelper output)
{
    public const string Anonymous = "anonymous";
    public const string OtherAdvertiser = "another advertiser";

    public static readonly string[] Callers =
        [Anonymous, "editor", "moderator", "translator", "advertiser", OtherAdvertiser, "analyst", "admin"];

    /// <summary>Who may call a route. Admin may do everything (CONTRACT.md, auth); an owner route also admits its advertiser.</summary>
    public sealed record Who(IReadOnlySet<string>? Roles, int? NotOwnerStatus = null)
    {
        public bool IsPublic => Roles is null;

        public static readonly Who Anyone = new((IReadOnlySet<string>?)null);

        public static Who Only(params string[] roles) => new(new HashSet<string>(roles) { "admin" });

        /// <summary>Admin and the advertiser who owns the thing; another advertiser is told it does not exist (or is refused).</summary>
        public static Who AdminOrOwner(int notOwnerStatus) => new(new HashSet<string> { "admin", "advertiser" }, notOwnerStatus);
    }

    /// <summary>CONTRACT.md's "who" column, one line per route and method. Lines marked "beyond the contract" are routes the
    /// services offer that CONTRACT.md does not list: they hold what the code declares, so a change to them is seen.</summary>
    public static readonly IReadOnlyDictionary<string, Who> Contract = new Dictionary<string, Who>
    {
        // Articles
        ["GET /api/articles"] = Who.Anyone,
        ["POST /api/articles"] = Who.Only("editor"),
        ["GET /api/articles/must-read"] = Who.Anyone,
        ["GET /api/articles/search"] = Who.Anyone,
        ["GET /api/articles/by-slug/{slug}"] = Who.Anyone,
        ["GET /api/articles/{id:guid}"] = Who.Anyone, // readers see published only; editor and analyst see any
        ["PUT /api/articles/{id:guid}"] = Who.Only("editor"),
        ["GET /api/articles/{id:guid}/history"] = Who.Only("editor", "analyst"),
        ["GET /api/articles/desk"] = Who.Only("editor", "analyst"),
        ["GET /api/articles/as-of"] = Who.Only("editor", "analyst"),
        ["GET /api/articles/{id:guid}/related"] = Who.Anyone,
        ["POST /api/articles/{id:guid}/publish"] = Who.Only("editor"),
        ["POST /api/articles/{id:guid}/unpublish"] = Who.Only("editor"),
        ["POST /api/articles/{id:guid}/retract"] = Who.Only("editor"),
        ["POST /api/articles/{id:guid}/feature"] = Who.Only("editor"),
        ["POST /api/articles/{id:guid}/unfeature"] = Who.Only("editor"),
        ["POST /api/articles/{id:guid}/corrections"] = Who.Only("editor"),
        ["GET /feeds/{lang}/latest.rss"] = Who.Anyone,
        ["GET /sitemap.xml"] = Who.Anyone,

        // Comments
        ["GET /api/articles/{articleId:guid}/comments"] = Who.Anyone,
        ["POST /api/articles/{articleId:guid}/comments"] = Who.Anyone,
        ["POST /api/articles/{articleId:guid}/comments/close"] = Who.Only("moderator", "editor"),
        ["POST /api/articles/{articleId:guid}/comments/reopen"] = Who.Only("moderator", "editor"),
        ["PUT /api/articles/{articleId:guid}/comments/settings"] = Who.Only("moderator"), // beyond the contract
        ["POST /api/comments/{id:guid}/flag"] = Who.Anyone,
        ["GET /api/comments/moderation"] = Who.Only("moderator"),
        ["POST /api/comments/{id:guid}/approve"] = Who.Only("moderator"),
        ["POST /api/comments/{id:guid}/reject"] = Who.Only("moderator"),
        ["POST /api/comments/{id:guid}/spam"] = Who.Only("moderator"),
        ["POST /api/comments/bans"] = Who.Only("moderator"), // beyond the contract
        ["DELETE /api/comments/bans/{email}"] = Who.Only("moderator"), // beyond the contract
        ["POST /api/comments/erasure"] = Who.Only("admin"),

        // Localization
        ["GET /api/localization/articles/{articleId:guid}"] = Who.Anyone, // published languages only for readers
        ["GET /api/localization/articles/{articleId:guid}/translations/{lang}"] = Who.Only("translator", "editor"),
        ["PUT /api/localization/articles/{articleId:guid}/translations/{lang}"] = Who.Only("translator"),
        ["POST /api/localization/articles/{articleId:guid}/translations/{lang}/submit"] = Who.Only("translator"),
        ["POST /api/localization/articles/{articleId:guid}/translations/{lang}/approve"] = Who.Only("editor"),
        ["POST /api/localization/articles/{articleId:guid}/translations/{lang}/unpublish"] = Who.Only("editor"),
        ["GET /api/localization/tasks"] = Who.Only("translator"),
        ["GET /api/localization/status"] = Who.Only("translator", "editor"),
        ["GET /api/localization/strings/{lang}"] = Who.Anyone,
        ["PUT /api/localization/strings/{lang}/{key}"] = Who.Only("translator"),
        ["GET /api/localization/terms/{lang}"] = Who.Anyone,
        ["GET /api/localization/terms/{lang}/{kind}/{key}"] = Who.Only("translator", "editor"), // beyond the contract: a term's ETag before its PUT
        ["PUT /api/localization/terms/{lang}/{kind}/{key}"] = Who.Only("translator"),

        // Advertising
        ["POST /api/ads/advertisers"] = Who.Only("admin"),
        ["GET /api/ads/advertisers/{id:guid}"] = Who.AdminOrOwner(404), // beyond the contract
        ["POST /api/ads/campaigns"] = Who.AdminOrOwner(403), // "own only": a campaign for another advertiser is refused
        ["GET /api/ads/campaigns"] = Who.AdminOrOwner(404), // ?advertiserId= of someone else
        ["GET /api/ads/campaigns/{id:guid}"] = Who.AdminOrOwner(404),
        ["POST /api/ads/campaigns/{id:guid}/creatives"] = Who.AdminOrOwner(404),
        ["POST /api/ads/campaigns/{id:guid}/creatives/{creativeId:guid}/approve"] = Who.Only("admin"), // beyond the contract: creative review
        ["POST /api/ads/campaigns/{id:guid}/creatives/{creativeId:guid}/reject"] = Who.Only("admin"), // beyond the contract: creative review
        ["POST /api/ads/campaigns/{id:guid}/activate"] = Who.AdminOrOwner(404),
        ["POST /api/ads/campaigns/{id:guid}/pause"] = Who.AdminOrOwner(404),
        ["POST /api/ads/campaigns/{id:guid}/resume"] = Who.AdminOrOwner(404),
        ["POST /api/ads/campaigns/{id:guid}/end"] = Who.AdminOrOwner(404), // beyond the contract
        ["GET /api/ads/campaigns/{id:guid}/report"] = Who.AdminOrOwner(404),
        ["GET /api/ads/decision"] = Who.Anyone,
        ["GET /api/ads/decisions"] = Who.Anyone, // beyond the contract: the pages' batch of decisions
        ["POST /api/ads/impressions/{token}"] = Who.Anyone,
        ["GET /api/ads/impressions/{token}"] = Who.Anyone,
        ["GET /api/ads/clicks/{token}"] = Who.Anyone,

        // Event history, every service
        ["GET /api/articles/events"] = Who.Only("analyst"),
        ["GET /api/articles/projections"] = Who.Only("analyst"),
        ["POST /api/articles/projections/{name}/rebuild"] = Who.Only("admin"),
        ["GET /api/comments/events"] = Who.Only("analyst"),
        ["GET /api/comments/projections"] = Who.Only("analyst"),
        ["POST /api/comments/projections/{name}/rebuild"] = Who.Only("admin"),
        ["GET /api/localization/events"] = Who.Only("analyst"),
        ["GET /api/localization/projections"] = Who.Only("analyst"),
        ["POST /api/localization/projections/{name}/rebuild"] = Who.Only("admin"),
        ["GET /api/ads/events"] = Who.Only("analyst"),
        ["GET /api/ads/projections"] = Who.Only("analyst"),
        ["POST /api/ads/projections/{name}/rebuild"] = Who.Only("admin"),

        // Gateway
        ["GET /api/pages/article/{slug}"] = Who.Anyone,
        ["GET /api/pages/home"] = Who.Anyone,
        ["GET /api/weather"] = Who.Anyone,
    };

    [Fact]
    public void Every_route_the_platform_serves_has_a_line_in_the_expectation_table_and_every_line_a_route()
    {
        var routes = RouteCatalog.Enumerate(platform);
        output.WriteLine($"{routes.Count} routes from the endpoint metadata:");
        foreach (var route in routes)
        {
            output.WriteLine($"  {route.Key}  [{route.Process}]  {(route.Roles is null ? "public" : string.Join(",", route.Roles))}");
        }

        var missing = routes.Where(r => !Contract.ContainsKey(r.Key)).Select(r => r.Key).ToList();
        var gone = Contract.Keys.Except(routes.Select(r => r.Key)).ToList();
        Assert.True(missing.Count == 0, "Routes without a line in the authorization table (say who may call them):\n  " + string.Join("\n  ", missing));
        Assert.True(gone.Count == 0, "Lines of the authorization table whose route is no longer served:\n  " + string.Join("\n  ", gone));
    }

    [Fact]
    public async Task Every_route_answers_every_caller_as_the_contract_says()
    {
        var world = await SecurityWorld.CreateAsync(platform);
        var routes = RouteCatalog.Enumerate(platform).Where(r => Contract.ContainsKey(r.Key)).ToList();
        var cases = routes.SelectMany(route => Callers.Select(caller => (route, caller))).ToList();
        var mismatches = new ConcurrentBag<string>();

        using var client = platform.Client(followRedirects: false);
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
        {
            var (route, caller) = c;
            var who = Contract[route.Key];
            using var request = Request(world, route, caller);
            var description = $"{caller,-18} {request.Method} {request.RequestUri}";
            using var response = await client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            var expected = Expect(who, caller);
            if (!expected.Accepts(status))
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                mismatches.Add($"{description} → {status}, expected {expected.Text} [{route.Key}] {Trim(body)}");
            }
        });

        output.WriteLine($"{cases.Count} requests ({routes.Count} routes × {Callers.Length} callers).");
        var sorted = mismatches.OrderBy(m => m, StringComparer.Ordinal).ToList();
        foreach (var line in sorted) output.WriteLine(line);
        Assert.True(sorted.Count == 0, $"{sorted.Count} of {cases.Count} answers differ from CONTRACT.md:\n" + string.Join("\n", sorted));
    }

    private sealed record Expectation(string Text, Func<int, bool> Accepts);

    private static Expectation Expect(Who who, string caller)
    {
        // Allowed: past the door, whatever the handler then makes of the request (2xx, 404 for a hidden draft, 409, 428…).
        var allowed = new Expectation("allowed (not 401/403, not 5xx)", s => s is not (401 or 403) && s < 500);
        if (who.IsPublic) return allowed;
        if (caller == Anonymous) return new Expectation("401", s => s == 401);
        if (caller == OtherAdvertiser)
        {
            return who.NotOwnerStatus is { } notOwner
                ? new Expectation($"{notOwner} (not the owner)", s => s == notOwner)
                : new Expectation("403", s => s == 403);
        }

        return who.Roles!.Contains(caller) ? allowed : new Expectation("403", s => s == 403);
    }

    private static HttpRequestMessage Request(SecurityWorld world, PlatformRoute route, string caller)
    {
        var path = world.Path(route);
        var query = route.Key switch
        {
            "GET /api/ads/campaigns" => $"?advertiserId={world.AdvertiserId}",
            "GET /api/articles/search" => "?q=probe",
            _ => "",
        };
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path + query);
        var template = world.Template(route);
        if (template is not null) request.Content = new StringContent(template.ToJsonString(), Encoding.UTF8, "application/json");

        var token = world.TokenFor(caller);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static string Trim(string body) => body.Length <= 240 ? body : body[..240] + "…";
}
