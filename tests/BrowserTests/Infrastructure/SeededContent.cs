using System.Net;
using System.Text.Json.Nodes;
using NewsPlatform.FunctionalTests.Advertising;
using NewsPlatform.FunctionalTests.Infrastructure;

namespace NewsPlatform.BrowserTests.Infrastructure;

/// <summary>A published story of the seed, with its slugs per language.</summary>
public sealed record SeededStory(Guid Id, string Slug, string Title, string? FrenchSlug = null, string? FrenchTitle = null);

/// <summary>
/// The seed page's content, made once per run through the gateway's API with role tokens, as the newsroom would: an
/// English story with a picture, five paragraphs, tags and a correction; its published French translation; approved
/// comments with a reply; two more stories (one featured) for Must Read, More Articles and Latest; house campaigns for
/// every slot ("Download The App" on top) and a standard campaign on the story's tag.
/// </summary>
public sealed class SeededContent
{
    public static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    public const string AppCampaignText = "Download The App";

    public required string Tag { get; init; }

    /// <summary>The French name the translator gave the story's tag.</summary>
    public required string FrenchTagName { get; init; }

    public required SeededStory Story { get; init; }

    public required SeededStory Featured { get; init; }

    public required SeededStory Related { get; init; }

    public required string[] Paragraphs { get; init; }

    public required string[] Authors { get; init; }

    public required string ImageUrl { get; init; }

    public required string ImageAlt { get; init; }

    public required string ImageCredit { get; init; }

    public required string Correction { get; init; }

    public required string CommentBody { get; init; }

    public required string ReplyBody { get; init; }

    public required Guid AppCampaignId { get; init; }

    public required Guid StandardCampaignId { get; init; }

    public required string StandardLandingUrl { get; init; }

    public static async Task<SeededContent> CreateAsync(SiteFixture site)
    {
        using var editor = site.Client("editor");
        using var translator = site.Client("translator");
        using var moderator = site.Client("moderator");
        using var admin = site.Client("admin");
        using var reader = site.Client();

        var tag = Newsroom.UniqueTag();
        var image = ImagePath(site);
        string[] paragraphs =
        [
            "Port Louis woke to the sound of drums as the waterfront reopened after two years of works.",
            "The Caudan quays now carry a promenade, a covered market and a stop of the Metro Express.",
            "Shop owners said the first weekend brought more visitors than any since the harbour opened.",
            "The council will light the promenade every evening until the end of the winter holidays.",
            "Fishermen still land their catch at dawn at the old jetty, which the works left untouched.",
        ];
        string[] authors = ["Priya Ramgoolam", "Jean-Marc Li"];
        var title = $"Port Louis waterfront reopens {tag}";
        var story = await PublishAsync(editor, new
        {
            title,
            summary = "The Caudan waterfront is open again, with a promenade and a market.",
            body = string.Concat(paragraphs.Select(p => $"<p>{p}</p>")),
            section = "politics",
            tags = new[] { tag, "waterfront" },
            authors,
            language = "en",
            noAds = false,
            image = new { url = image, alt = "The Caudan waterfront at dusk", credit = "Photo: NewsPlatform demo" },
        });
        var correction = "An earlier version gave the wrong year for the harbour's opening.";
        await CorrectAsync(editor, story.Id, correction);

        // Must Read (featured) and More Articles (same tag) around the story.
        var featured = await PublishAsync(editor, Newsroom.Story($"Budget day in Port Louis {tag}", tag, "business"));
        var feature = await Newsroom.Act(editor, featured.Id, "feature", await ETagOf(editor, featured.Id));
        Expect(feature, HttpStatusCode.OK, "feature");
        var related = await PublishAsync(editor, Newsroom.Story($"Metro Express reaches the quays {tag}", tag));

        var french = await TranslateAsync(editor, translator, reader, story, $"Le front de mer de Port-Louis rouvre {tag}");
        // A second French text, so the French page has other stories to list (Latest, More Articles).
        await TranslateAsync(editor, translator, reader, related, $"Le Metro Express arrive sur les quais {tag}");
        var frenchTagName = $"Front de mer {tag}";
        // The catalog makes the term when it hears of the tag; the translator then names it (an update: If-Match).
        var term = await Eventually.Until(() => translator.GetAsync($"/api/localization/terms/fr/tags/{tag}"),
            r => r.StatusCode == HttpStatusCode.OK, MessageTimeout, "the story's tag as a term");
        Expect(await translator.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/localization/terms/fr/tags/{tag}")
            {
                Content = Api.JsonBody(new { name = frenchTagName }),
            }.WithIfMatch(term.Headers.ETag?.Tag)), HttpStatusCode.OK, "the French tag name");

        var commentBody = "Finally a place to walk by the sea in town.";
        var replyBody = "Agreed, and the market is lovely too.";
        await Eventually.Until(() => reader.GetAsync($"/api/articles/{story.Id}/comments"), r => r.StatusCode == HttpStatusCode.OK,
            MessageTimeout, "the story's comment thread");
        var comment = await CommentAsync(reader, moderator, story.Id, new
        {
            authorName = "Anjali", authorEmail = $"{Guid.NewGuid():N}@example.mu", body = commentBody, website = "https://anjali.example",
        });
        await CommentAsync(reader, moderator, story.Id, new
        {
            authorName = "Kevin", authorEmail = $"{Guid.NewGuid():N}@example.mu", body = replyBody, parentId = comment,
        });

        // House campaigns fill every slot on every page (no targeting); the standard one beats them on the story's tag.
        var advertiser = await AdDesk.Advertiser(admin, "NewsPlatform house");
        var app = await HouseAsync(admin, advertiser, "top", AppCampaignText, site.Advertisers.Url("app"));
        await HouseAsync(admin, advertiser, "in-article", "Subscribe to the morning letter", site.Advertisers.Url("letter"));
        await HouseAsync(admin, advertiser, "sidebar", "Advertise with us", site.Advertisers.Url("advertise"));
        var airline = await AdDesk.Advertiser(admin);
        var standardLanding = site.Advertisers.Url("rodrigues");
        var (standard, _) = await AdDesk.Live(admin, AdDesk.Campaign(airline, tag, "standard", slots: ["sidebar"]),
            AdDesk.TextCreative("sidebar", standardLanding));
        await AdDesk.DecisionFor(reader, $"slot=sidebar&tags={tag}", standard);
        await AdDesk.DecisionFor(reader, "slot=top", app);

        return new SeededContent
        {
            Tag = tag,
            FrenchTagName = frenchTagName,
            Story = story with { FrenchSlug = french.Slug, FrenchTitle = french.Title },
            Featured = featured,
            Related = related,
            Paragraphs = paragraphs,
            Authors = authors,
            ImageUrl = image,
            ImageAlt = "The Caudan waterfront at dusk",
            ImageCredit = "Photo: NewsPlatform demo",
            Correction = correction,
            CommentBody = commentBody,
            ReplyBody = replyBody,
            AppCampaignId = app,
            StandardCampaignId = standard,
            StandardLandingUrl = standardLanding,
        };
    }

    /// <summary>
    /// A site picture of the demo seed (web/wwwroot/media), so the page loads it from the site like any reader's would;
    /// when the site ships none, a picture on another web site (an absolute URL is as valid).
    /// </summary>
    private static string ImagePath(SiteFixture site)
    {
        var media = Path.Combine(SiteFixture.RepositoryRoot(), "web", "wwwroot", "media");
        var picture = Directory.Exists(media)
            ? Directory.EnumerateFiles(media).Where(f => f.EndsWith(".jpg") || f.EndsWith(".jpeg") || f.EndsWith(".png") || f.EndsWith(".webp") || f.EndsWith(".svg"))
                .Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        return picture is null
            ? site.Advertisers.ImageUrl("waterfront")
            : $"/media/{Path.GetFileName(picture)}";
    }

    public static async Task<SeededStory> PublishAsync(HttpClient editor, object article)
    {
        var (id, _, body) = await Newsroom.Published(editor, article);
        return new SeededStory(id, (string)body["slug"]!, (string)body["title"]!);
    }

    private static async Task<string> ETagOf(HttpClient editor, Guid id) => (await editor.GetAsync($"/api/articles/{id}")).Headers.ETag!.Tag;

    private static async Task CorrectAsync(HttpClient editor, Guid id, string text) =>
        Expect(await Newsroom.Act(editor, id, "corrections", await ETagOf(editor, id), new { text }), HttpStatusCode.OK, "the correction");

    /// <summary>Drafts, submits and approves the French translation, then waits for the articles service to serve it.</summary>
    private static async Task<(string Slug, string Title)> TranslateAsync(HttpClient editor, HttpClient translator, HttpClient reader,
        SeededStory story, string title)
    {
        var path = $"/api/localization/articles/{story.Id}/translations/fr";
        await Eventually.Until(() => translator.GetAsync($"/api/localization/articles/{story.Id}"), r => r.StatusCode == HttpStatusCode.OK,
            MessageTimeout, "the translation group");
        var saved = await translator.PutAsync(path, Api.JsonBody(new
        {
            title,
            summary = "Le Caudan rouvre, avec une promenade et un marché.",
            body = "<p>Port-Louis s'est réveillée au son des tambours.</p><p>Les quais du Caudan ont une promenade.</p>"
                + "<p>Les commerçants se réjouissent.</p><p>La promenade sera éclairée chaque soir.</p>",
        }));
        Expect(saved, HttpStatusCode.OK, "the French draft");
        var slug = (string)(await saved.ReadObject())["slug"]!;
        var submitted = await translator.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{path}/submit").WithIfMatch(saved.Headers.ETag!.Tag));
        Expect(submitted, HttpStatusCode.OK, "the French submission");
        var approved = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{path}/approve").WithIfMatch(submitted.Headers.ETag!.Tag));
        Expect(approved, HttpStatusCode.OK, "the French approval");
        await Eventually.Until(() => reader.GetAsync($"/api/articles/by-slug/{story.Slug}?lang=fr"),
            r => r.Content.Headers.ContentLanguage.Contains("fr"), MessageTimeout, "the French text on the articles service");
        return (slug, title);
    }

    /// <summary>Posts a guest comment and approves it when it was held: (its id).</summary>
    public static async Task<Guid> CommentAsync(HttpClient reader, HttpClient moderator, Guid articleId, object comment)
    {
        var posted = await reader.PostAsync($"/api/articles/{articleId}/comments", Api.JsonBody(comment));
        Expect(posted, HttpStatusCode.Accepted, "a comment");
        var body = await posted.ReadObject();
        var id = (Guid)body["id"]!;
        if ((string)body["status"]! != "approved") await ApproveAsync(moderator, id);
        return id;
    }

    public static async Task ApproveAsync(HttpClient moderator, Guid commentId) =>
        Expect(await moderator.PostAsync($"/api/comments/{commentId}/approve", null), HttpStatusCode.OK, "the approval");

    private static async Task<Guid> HouseAsync(HttpClient admin, Guid advertiser, string slot, string text, string landingUrl)
    {
        var campaign = new
        {
            advertiserId = advertiser,
            name = $"House {slot}",
            priority = "house",
            startsAt = DateTimeOffset.UtcNow.AddDays(-1),
            endsAt = DateTimeOffset.UtcNow.AddDays(365),
            targeting = new { slots = new[] { slot }, sections = Array.Empty<string>(), tags = Array.Empty<string>(), languages = Array.Empty<string>() },
        };
        var (id, _) = await AdDesk.Live(admin, campaign, new { slot, kind = "text", text, landingUrl });
        return id;
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException(
                $"Seeding {what}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
        }
    }
}
