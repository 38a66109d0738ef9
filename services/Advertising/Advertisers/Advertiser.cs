using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Advertising.Advertisers;

/// <summary>An advertiser account was created.</summary>
public sealed record AdvertiserRegistered(Guid AdvertiserId, string Name, string By, DateTimeOffset At);

public sealed record Advertiser(Guid Id, string Name, DateTimeOffset CreatedAt, long Version);

public sealed class AdvertiserProjection : SingleStreamProjection<Advertiser, Guid>
{
    public override Advertiser? Evolve(Advertiser? snapshot, Guid id, IEvent e) => e.Data switch
    {
        AdvertiserRegistered r => new Advertiser(r.AdvertiserId, r.Name, r.At, e.Version),
        _ => snapshot is null ? null : snapshot with { Version = e.Version },
    };
}

public sealed record AdvertiserInput(string? Name);

/// <summary>Who may see what: an admin everything, an advertiser token only its own advertiser (<c>advertiser_id</c>).</summary>
public static class Ownership
{
    public static bool Owns(this ClaimsPrincipal user, Guid advertiserId) =>
        user.IsInRole(Roles.Admin)
        || (user.IsInRole(Roles.Advertiser) && Guid.TryParse(user.FindFirst(Roles.AdvertiserIdClaim)?.Value, out var own) && own == advertiserId);

    public static Guid? OwnAdvertiser(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(Roles.AdvertiserIdClaim)?.Value, out var own) ? own : null;
}

public static class AdvertiserEndpoints
{
    /// <summary><c>POST /api/ads/advertisers</c> (admin): <c>{name}</c> → 201.</summary>
    public static async Task<IResult> Register(AdvertiserInput input, IDocumentSession session, HttpRequest http, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var key = Idempotency.KeyFor(http, user, "advertisers", out var keyProblem);
        if (keyProblem is not null) return keyProblem;
        var errors = new ValidationErrors().Length("name", input.Name?.Trim(), 1, 200);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (await Idempotency.ReplayAsync(session, key, ct) is { } replay) return replay;

        var id = Guid.CreateVersion7();
        session.Events.StartStream<Advertiser>(id, new AdvertiserRegistered(id, input.Name!.Trim(), user.ActorName(), clock.GetUtcNow()));
        var view = new Advertiser(id, input.Name.Trim(), clock.GetUtcNow(), 1);
        var location = $"/api/ads/advertisers/{id}";
        Idempotency.Remember(session, key, StatusCodes.Status201Created, location, Versioning.ETag(1), view);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created(location, view).WithHeaders(("ETag", Versioning.ETag(1)));
    }

    /// <summary><c>GET /api/ads/advertisers/{id}</c> (admin, owner).</summary>
    public static async Task<IResult> Get(Guid id, IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var advertiser = await session.LoadAsync<Advertiser>(id, ct);
        if (advertiser is null || !user.Owns(id)) return Problems.NotFound($"No advertiser {id}.");
        return TypedResults.Ok(advertiser).WithHeaders(("ETag", Versioning.ETag(advertiser.Version)));
    }
}
