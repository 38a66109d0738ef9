using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NewsPlatform.Localization.Terms;
using NewsPlatform.Platform.Site;

namespace NewsPlatform.Localization.Strings;

/// <summary>
/// At start, appends the shipped strings a catalog lacks and opens a term for every configured section. Several
/// replicas may start together: each append names the version it read, so only one of them lands and the
/// others find the work done. A database that is not up yet is retried in the background.
/// </summary>
public sealed class CatalogSeeder(IDocumentStore store, IOptions<SiteOptions> site, TimeProvider clock, ILogger<CatalogSeeder> logger)
    : BackgroundService, IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(seeded.Task.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy("The shipped strings and section terms are in.")
            : HealthCheckResult.Unhealthy("The shipped strings and section terms are not seeded yet."));

    private readonly TaskCompletionSource seeded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await SeedAsync(stoppingToken);
                seeded.TrySetResult();
                return;
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(failure, "Seeding the string catalogs and section terms failed (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken);
            }
        }
    }

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var (lang, entries) in SeedCatalogs.Strings)
        {
            await OnceAsync(async session =>
            {
                var id = StringCatalog.StreamId(lang);
                var catalog = await session.LoadAsync<StringCatalog>(id, ct);
                var missing = entries.Where(e => catalog?.Entries.ContainsKey(e.Key) != true).ToDictionary(e => e.Key, e => e.Value);
                if (missing.Count == 0) return false;
                var seededEvent = new StringsSeeded(lang, missing, now);
                if (catalog is null) session.Events.StartStream<StringCatalog>(id, seededEvent);
                else session.Events.Append(id, catalog.Version + 1, seededEvent);
                return true;
            }, ct);
        }

        foreach (var section in site.Value.Sections)
        {
            await OnceAsync(async session =>
            {
                var id = TermKinds.StreamId(TermKinds.Sections, section);
                if (await session.LoadAsync<Term>(id, ct) is not null) return false;
                var events = new List<object> { new TermSeen(TermKinds.Sections, section, now) };
                events.AddRange((SeedCatalogs.SectionNames.GetValueOrDefault(section) ?? new Dictionary<string, string>())
                    .Select(n => new TermNamed(TermKinds.Sections, section, n.Key, n.Value, "seed", now)));
                session.Events.StartStream<Term>(id, events);
                return true;
            }, ct);
        }
    }

    /// <summary>Runs one append; when another replica appended first, the work is done and nothing is repeated.</summary>
    private async Task OnceAsync(Func<IDocumentSession, Task<bool>> append, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (!await append(session)) return;
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception collision) when (collision is ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
                                               or JasperFx.ConcurrencyException
                                           || collision.InnerException is ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            logger.LogInformation("Another replica seeded this catalog first");
        }
    }
}
