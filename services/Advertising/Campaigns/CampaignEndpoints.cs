using System.Security.Claims;
using Ganss.Xss;
using Marten;
using Marten.Pagination;
using Microsoft.Extensions.Options;
using NewsPlatform.Advertising.Advertisers;
using NewsPlatform.Advertising.Decisions;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Domain;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Site;
using NewsPlatform.Platform.Writes;

namespace NewsPlatform.Advertising.Campaigns;

public sealed record TargetingInput(IReadOnlyList<string?>? Slots, IReadOnlyList<string?>? Sections, IReadOnlyList<string?>? Tags,
    IReadOnlyList<string?>? Languages);

public sealed record CampaignInput(Guid? AdvertiserId, string? Name, string? Priority, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    long? ImpressionGoal, long? DailyImpressionCap, TargetingInput? Targeting);

public sealed record CreativeInput(string? Slot, string? Kind, string? ImageUrl, string? Html, string? Text, string? AltText, int? Width,
    int? Height, string? LandingUrl);

public sealed record CreativeRejectionInput(string? Reason);

public sealed record CampaignView(
    Guid Id,
    Guid AdvertiserId,
    string Name,
    CampaignPriority Priority,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    long? ImpressionGoal,
    long? DailyImpressionCap,
    Targeting Targeting,
    CampaignStatus Status,
    EndReason? EndedBy,
    IReadOnlyList<Creative> Creatives,
    long Impressions,
    long Clicks,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary>Campaigns and their creatives, for admins and for the advertiser that owns them (another's answer 404).</summary>
public static class CampaignEndpoints
{
    public static async Task<IResult> Create(CampaignInput input, IDocumentSession session, HttpRequest http, ClaimsPrincipal user,
        IOptions<AdvertisingOptions> ads, IOptions<SiteOptions> site, TimeProvider clock, CancellationToken ct)
    {
        var key = Idempotency.KeyFor(http, user, "campaigns", out var keyProblem);
        if (keyProblem is not null) return keyProblem;
        var now = clock.GetUtcNow();
        var errors = Validate(input, ads.Value, site.Value, now, out var priority, out var targeting);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var advertiserId = input.AdvertiserId!.Value;
        if (!user.IsInRole(Roles.Admin) && user.OwnAdvertiser() != advertiserId)
        {
            return Problems.Forbidden("An advertiser creates campaigns for itself only.");
        }

        if (!MaySetPriority(user, priority))
        {
            return Problems.Forbidden("Only an admin gives a campaign the sponsorship or house priority; an advertiser's campaigns are standard.");
        }

        if (await Idempotency.ReplayAsync(session, key, ct) is { } replay) return replay;
        if (await session.LoadAsync<Advertiser>(advertiserId, ct) is null) return Problems.Validation("advertiserId", "No advertiser has this id.");

        var id = Guid.CreateVersion7();
        var created = new CampaignCreated(id, advertiserId, input.Name!.Trim(), priority, input.StartsAt!.Value, input.EndsAt!.Value,
            input.ImpressionGoal, input.DailyImpressionCap, targeting, user.ActorName(), now);
        session.Events.StartStream<Campaign>(id, created);
        var campaign = Campaign.Transition(null, created)! with { Version = 1 };
        var view = View(campaign, null);
        var location = $"/api/ads/campaigns/{id}";
        Idempotency.Remember(session, key, StatusCodes.Status201Created, location, Versioning.ETag(campaign.Version), view);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created(location, view).WithHeaders(("ETag", Versioning.ETag(campaign.Version)));
    }

    public static async Task<IResult> Get(Guid id, IQuerySession session, ClaimsPrincipal user, HttpResponse response, CancellationToken ct)
    {
        var campaign = await session.LoadAsync<Campaign>(id, ct);
        if (campaign is null || !user.Owns(campaign.AdvertiserId)) return Problems.NotFound($"No campaign {id}.");
        // No 304 here: the counts move with every impression while the campaign's version (its ETag) does not.
        response.Headers.CacheControl = "private, no-store";
        var delivery = await session.LoadAsync<Delivery.Delivery>(Delivery.Delivery.StreamId(id), ct);
        return TypedResults.Ok(View(campaign, delivery)).WithHeaders(("ETag", Versioning.ETag(campaign.Version)));
    }

    public static async Task<IResult> List(IQuerySession session, ClaimsPrincipal user, CancellationToken ct,
        Guid? advertiserId = null, string? status = null, int? page = null, int? pageSize = null)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem)) return problem!;
        CampaignStatus? wanted = null;
        if (status is not null)
        {
            if (!ResultExtensions.TryParseName<CampaignStatus>(status, out var parsed)) return Problems.Validation("status", "status is created, active, paused or ended.");
            wanted = parsed;
        }

        if (!user.IsInRole(Roles.Admin))
        {
            var own = user.OwnAdvertiser();
            if (own is null) return Problems.Forbidden("This advertiser token names no advertiser (claim advertiser_id).");
            if (advertiserId is { } asked && asked != own) return Problems.NotFound($"No advertiser {asked}.");
            advertiserId = own;
        }

        var query = session.Query<Campaign>().AsQueryable();
        if (advertiserId is { } filter) query = query.Where(c => c.AdvertiserId == filter);
        if (wanted is { } s) query = query.Where(c => c.Status == s);
        var campaigns = await query.OrderByDescending(c => c.CreatedAt).ToPagedListAsync(paging.Page, paging.PageSize, ct);
        var deliveries = campaigns.Count == 0
            ? new Dictionary<Guid, Delivery.Delivery>()
            : (await session.LoadManyAsync<Delivery.Delivery>(ct, campaigns.Select(c => Delivery.Delivery.StreamId(c.Id)))).ToDictionary(d => d.CampaignId);
        return TypedResults.Ok(new PageOf<CampaignView>([.. campaigns.Select(c => View(c, deliveries.GetValueOrDefault(c.Id)))],
            paging.Page, paging.PageSize, campaigns.TotalItemCount));
    }

    /// <summary>
    /// Sponsorship outranks every paid campaign and house fills the site's own slots: both are the newsroom's call, so
    /// only an admin sets them. Any route that creates or changes a campaign's priority asks this.
    /// </summary>
    public static bool MaySetPriority(ClaimsPrincipal user, CampaignPriority priority) =>
        priority == CampaignPriority.Standard || user.IsInRole(Roles.Admin);

    /// <summary>
    /// <c>POST /api/ads/campaigns/{id}/creatives</c>: adds a creative (html sanitised) → 201 with the campaign. An
    /// advertiser's html creative starts <c>pending_review</c> and serves once an admin approves it.
    /// </summary>
    public static Task<IResult> AddCreative(Guid id, CreativeInput input, ISessionFactory sessions, HttpRequest http, ClaimsPrincipal user,
        IOptions<AdvertisingOptions> ads, HtmlSanitizer sanitizer, CampaignCache cache, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(input, ads.Value, sanitizer, out var creative);
        // Adding a creative does not rest on the version the advertiser saw: no If-Match, decided on the campaign as it is.
        return ExecuteAsync("ads.campaign.add_creative", id, sessions, http, user, cache,
            c => CampaignDecider.Decide(c, new AddCreative(creative!, user.IsInRole(Roles.Admin), user.ActorName(), clock.GetUtcNow())), ct,
            Expectation.Latest, invalid: errors.Any ? Problems.Validation(errors.ToDictionary()) : null,
            answer: view => TypedResults.Created($"/api/ads/campaigns/{id}", view));
    }

    public static Task<IResult> Activate(Guid id, ISessionFactory sessions, HttpRequest http, ClaimsPrincipal user, CampaignCache cache,
        TimeProvider clock, CancellationToken ct) =>
        ExecuteAsync("ads.campaign.activate", id, sessions, http, user, cache, c => CampaignDecider.Decide(c, new ActivateCampaign(user.ActorName(), clock.GetUtcNow())), ct);

    public static Task<IResult> Pause(Guid id, ISessionFactory sessions, HttpRequest http, ClaimsPrincipal user, CampaignCache cache,
        TimeProvider clock, CancellationToken ct) =>
        ExecuteAsync("ads.campaign.pause", id, sessions, http, user, cache, c => CampaignDecider.Decide(c, new PauseCampaign(user.ActorName(), clock.GetUtcNow())), ct);

    public static Task<IResult> Resume(Guid id, ISessionFactory sessions, HttpRequest http, ClaimsPrincipal user, CampaignCache cache,
        TimeProvider clock, CancellationToken ct) =>
        ExecuteAsync("ads.campaign.resume", id, sessions, http, user, cache, c => CampaignDecider.Decide(c, new ResumeCampaign(user.ActorName(), clock.GetUtcNow())), ct);

    public static Task<IResult> End(Guid id, ISessionFactory sessions, HttpRequest http, ClaimsPrincipal user, CampaignCache cache,
        TimeProvider clock, CancellationToken ct) =>
        ExecuteAsync("ads.campaign.end", id, sessions, http, user, cache, c => CampaignDecider.Decide(c, new EndCampaign(EndReason.Hand, user.ActorName(), clock.GetUtcNow())), ct);

    /// <summary><c>POST /api/ads/campaigns/{id}/creatives/{creativeId}/approve</c> (admin, If-Match): the creative may serve.</summary>
    public static async Task<IResult> ApproveCreative(Guid id, Guid creativeId, IQuerySession query, ISessionFactory sessions, HttpRequest http,
        ClaimsPrincipal user, CampaignCache cache, TimeProvider clock, CancellationToken ct)
    {
        if (await UnknownCreativeAsync(query, id, creativeId, ct) is { } unknown) return unknown;
        return await ExecuteAsync("ads.campaign.approve_creative", id, sessions, http, user, cache,
            c => CampaignDecider.Decide(c, new ApproveCreative(creativeId, user.ActorName(), clock.GetUtcNow())), ct);
    }

    /// <summary><c>POST /api/ads/campaigns/{id}/creatives/{creativeId}/reject</c> (admin, If-Match) <c>{reason}</c>: it never serves.</summary>
    public static async Task<IResult> RejectCreative(Guid id, Guid creativeId, CreativeRejectionInput input, IQuerySession query,
        ISessionFactory sessions, HttpRequest http, ClaimsPrincipal user, CampaignCache cache, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors().Length("reason", input.Reason?.Trim(), 1, 500);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (await UnknownCreativeAsync(query, id, creativeId, ct) is { } unknown) return unknown;
        return await ExecuteAsync("ads.campaign.reject_creative", id, sessions, http, user, cache,
            c => CampaignDecider.Decide(c, new RejectCreative(creativeId, input.Reason!.Trim(), user.ActorName(), clock.GetUtcNow())), ct);
    }

    /// <summary>404 for a creative the campaign does not have (an unknown campaign is left to the action's own 404).</summary>
    private static async Task<IResult?> UnknownCreativeAsync(IQuerySession query, Guid id, Guid creativeId, CancellationToken ct) =>
        id != Guid.Empty && await query.LoadAsync<Campaign>(id, ct) is { } campaign && campaign.CreativeOf(creativeId) is null
            ? Problems.NotFound($"Campaign {id} has no creative {creativeId}.")
            : null;

    /// <summary>
    /// How every change of a campaign runs, on the one write pipeline: 404 unless owned, then <paramref name="invalid"/>
    /// (400), If-Match (428/412) for the actions, 409 from the rules; after a change the delivery cache reloads, and the
    /// answer is the campaign with its counts and new ETag.
    /// </summary>
    private static Task<IResult> ExecuteAsync(string name, Guid id, ISessionFactory sessions, HttpRequest http, ClaimsPrincipal user,
        CampaignCache cache, Func<Campaign, Decision> decide, CancellationToken ct, Expectation expectation = Expectation.IfMatch,
        IResult? invalid = null, Func<CampaignView, IResult>? answer = null) =>
        WritePipeline.ExecuteAsync(sessions, http, new WriteCommand<Campaign>
        {
            Name = name,
            StreamId = id,
            NotFound = $"No campaign {id}.",
            VersionOf = c => c.Version,
            Expectation = expectation,
            Admit = c => !user.Owns(c.AdvertiserId) ? Problems.NotFound($"No campaign {id}.") : invalid,
            Decide = (c, _) => ValueTask.FromResult(decide(c)),
            Answer = async outcome =>
            {
                if (outcome.Changed) await cache.ReloadAsync(outcome.Cancellation);
                var delivery = await outcome.Session.LoadAsync<Delivery.Delivery>(Delivery.Delivery.StreamId(id), outcome.Cancellation);
                var view = View(outcome.State, delivery);
                return answer?.Invoke(view) ?? TypedResults.Ok(view);
            },
        }, ct);

    public static CampaignView View(Campaign c, Delivery.Delivery? d) => new(c.Id, c.AdvertiserId, c.Name, c.Priority, c.StartsAt, c.EndsAt,
        c.ImpressionGoal, c.DailyImpressionCap, c.Targeting, c.Status, c.EndedBy, c.Creatives, d?.Impressions ?? 0, d?.Clicks ?? 0,
        c.CreatedAt, c.UpdatedAt, c.Version);

    private static ValidationErrors Validate(CampaignInput input, AdvertisingOptions ads, SiteOptions site, DateTimeOffset now,
        out CampaignPriority priority, out Targeting targeting)
    {
        var errors = new ValidationErrors().Length("name", input.Name?.Trim(), 1, 200);
        if (input.AdvertiserId is null || input.AdvertiserId == Guid.Empty) errors.Add("advertiserId", "advertiserId is required.");
        if (!ResultExtensions.TryParseName(input.Priority, out priority)) errors.Add("priority", "priority is sponsorship, standard or house.");
        if (input.StartsAt is null) errors.Add("startsAt", "startsAt is required.");
        if (input.EndsAt is null) errors.Add("endsAt", "endsAt is required.");
        else if (input.EndsAt <= now) errors.Add("endsAt", "endsAt must be in the future.");
        if (input.StartsAt >= input.EndsAt) errors.Add("endsAt", "endsAt must be after startsAt.");
        if (input.ImpressionGoal is < 1) errors.Add("impressionGoal", "impressionGoal is 1 or more when given.");
        if (input.DailyImpressionCap is < 1) errors.Add("dailyImpressionCap", "dailyImpressionCap is 1 or more when given.");

        var t = input.Targeting;
        var slots = Clean(t?.Slots);
        var sections = Clean(t?.Sections);
        var tags = Clean(t?.Tags);
        var languages = Clean(t?.Languages);
        if (slots.Any(s => !ads.SlotsOrDefault.Contains(s))) errors.Add("targeting.slots", $"slots are among: {string.Join(", ", ads.SlotsOrDefault)}.");
        if (sections.Any(s => !site.Sections.Contains(s))) errors.Add("targeting.sections", $"sections are among: {string.Join(", ", site.Sections)}.");
        if (tags.Count > 50 || tags.Any(x => x.Length > 50)) errors.Add("targeting.tags", "At most 50 tags of at most 50 characters.");
        if (languages.Any(l => !LanguageNegotiation.IsLanguageTag(l))) errors.Add("targeting.languages", LanguageNegotiation.InvalidTagMessage("each of languages"));
        targeting = new Targeting(slots, sections, tags, languages);
        return errors;
    }

    private static List<string> Clean(IReadOnlyList<string?>? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim().ToLowerInvariant()).Distinct()];

    private static ValidationErrors Validate(CreativeInput input, AdvertisingOptions ads, HtmlSanitizer sanitizer, out Creative? creative)
    {
        creative = null;
        var errors = new ValidationErrors();
        var slot = input.Slot?.Trim().ToLowerInvariant();
        if (slot is null || !ads.SlotsOrDefault.Contains(slot)) errors.Add("slot", $"slot is one of: {string.Join(", ", ads.SlotsOrDefault)}.");
        if (!ResultExtensions.TryParseName<CreativeKind>(input.Kind, out var kind)) errors.Add("kind", "kind is image, html or text.");
        if (!IsWebUrl(input.LandingUrl)) errors.Add("landingUrl", "landingUrl must be an absolute http(s) URL.");
        var html = input.Html is null ? null : sanitizer.Sanitize(input.Html).Trim();
        switch (kind)
        {
            case CreativeKind.Image when !IsWebUrl(input.ImageUrl):
                errors.Add("imageUrl", "An image creative needs an absolute http(s) imageUrl.");
                break;
            case CreativeKind.Html when string.IsNullOrEmpty(html) || html.Length > 20_000:
                errors.Add("html", "An html creative needs 1 to 20,000 characters of HTML (what is left once the creative allow-list has removed everything else).");
                break;
            case CreativeKind.Text when string.IsNullOrWhiteSpace(input.Text) || input.Text.Trim().Length > 500:
                errors.Add("text", "A text creative needs 1 to 500 characters of text.");
                break;
        }

        if (input.AltText?.Length > 200) errors.Add("altText", "altText is at most 200 characters.");
        if (input.Width is < 1 or > 4000) errors.Add("width", "width is 1 to 4000 pixels.");
        if (input.Height is < 1 or > 4000) errors.Add("height", "height is 1 to 4000 pixels.");
        if (errors.Any) return errors;

        creative = new Creative(Guid.CreateVersion7(), slot!, kind, kind == CreativeKind.Image ? input.ImageUrl!.Trim() : null,
            kind == CreativeKind.Html ? html : null, kind == CreativeKind.Text ? input.Text!.Trim() : null, input.AltText?.Trim(),
            input.Width, input.Height, input.LandingUrl!.Trim());
        return errors;
    }

    private static bool IsWebUrl(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && text!.Length <= 2000;
}
