using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NewsPlatform.Identity.Data;
using OpenIddict.Server;

namespace NewsPlatform.Identity.Signing;

/// <summary>
/// The keys OpenIddict signs and encrypts with, kept in the database so that every replica and every restart uses
/// the same ones (docs/decisions/0014). The newest RSA key signs; the one before it stays in the JWKS so that tokens
/// it signed keep validating until they expire. Rotation adds a key; the ring reloads from the database every
/// <see cref="ReloadInterval"/> (and at once in the replica that rotated), and OpenIddict's options are rebuilt.
/// </summary>
public sealed class KeyRing(IServiceScopeFactory scopes, IOptionsMonitorCache<OpenIddictServerOptions> serverOptions,
    TimeProvider clock, ILogger<KeyRing> logger) : BackgroundService
{
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromMinutes(1);

    /// <summary>How many signing keys the JWKS publishes: the current one and the one before it.</summary>
    public const int PublishedSigningKeys = 2;

    private volatile Snapshot _current = new([], null);

    public sealed record Snapshot(IReadOnlyList<RsaSecurityKey> SigningKeys, SymmetricSecurityKey? EncryptionKey);

    public Snapshot Current => _current;

    /// <summary>Loads the ring, making the first keys when the database has none. Called before the host serves.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        if (!await db.SigningKeys.AnyAsync(k => k.Use == SigningKeyRecord.SigningUse, cancellationToken))
        {
            await AddSigningKeyAsync(db, cancellationToken);
        }

        if (!await db.SigningKeys.AnyAsync(k => k.Use == SigningKeyRecord.EncryptionUse, cancellationToken))
        {
            db.SigningKeys.Add(new SigningKeyRecord
            {
                Id = NewKeyId(),
                Use = SigningKeyRecord.EncryptionUse,
                Material = RandomNumberGenerator.GetBytes(32),
                CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await ReloadAsync(db, cancellationToken);
    }

    /// <summary>Makes a new signing key, which signs from now on; the one it replaces stays published. Returns its key id.</summary>
    public async Task<RotationResult> RotateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var previous = _current.SigningKeys.FirstOrDefault()?.KeyId;
        var id = await AddSigningKeyAsync(db, cancellationToken);
        await ReloadAsync(db, cancellationToken);
        logger.LogInformation("Signing key rotated: {KeyId} signs now, {PreviousKeyId} stays published", id, previous);
        return new RotationResult(id, previous, [.. _current.SigningKeys.Select(k => k.KeyId)]);
    }

    public sealed record RotationResult(string KeyId, string? PreviousKeyId, IReadOnlyList<string> PublishedKeyIds);

    private async Task<string> AddSigningKeyAsync(IdentityDb db, CancellationToken cancellationToken)
    {
        using var rsa = RSA.Create(2048);
        var record = new SigningKeyRecord
        {
            Id = NewKeyId(),
            Use = SigningKeyRecord.SigningUse,
            Material = rsa.ExportPkcs8PrivateKey(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.SigningKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record.Id;
    }

    private async Task ReloadAsync(IdentityDb db, CancellationToken cancellationToken)
    {
        var signing = await db.SigningKeys.AsNoTracking()
            .Where(k => k.Use == SigningKeyRecord.SigningUse)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .Take(PublishedSigningKeys)
            .ToListAsync(cancellationToken);
        var encryption = await db.SigningKeys.AsNoTracking()
            .Where(k => k.Use == SigningKeyRecord.EncryptionUse)
            .OrderByDescending(k => k.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

        var before = _current;
        var ids = signing.Select(k => k.Id).ToList();
        if (before.SigningKeys.Select(k => k.KeyId).SequenceEqual(ids) && before.EncryptionKey?.KeyId == encryption?.Id) return;

        _current = new Snapshot(
            [.. signing.Select(ToRsaKey)],
            encryption is null ? null : new SymmetricSecurityKey(encryption.Material) { KeyId = encryption.Id });
        // OpenIddict reads its options through IOptionsMonitor: dropping the cached instance makes the next request
        // build them again, with this ring (ServerKeyOptions).
        serverOptions.TryRemove(Options.DefaultName);
    }

    private static RsaSecurityKey ToRsaKey(SigningKeyRecord record)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(record.Material, out _);
        return new RsaSecurityKey(rsa) { KeyId = record.Id };
    }

    private string NewKeyId() => $"{clock.GetUtcNow():yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>Another replica may have rotated: pick its key up within a minute.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReloadInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await ReloadAsync(scope.ServiceProvider.GetRequiredService<IdentityDb>(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not reload the signing keys; the ones loaded keep serving");
            }
        }
    }
}

/// <summary>Hands the ring's keys to OpenIddict each time its options are built: newest signing key first.</summary>
public sealed class ServerKeyOptions(KeyRing ring) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var snapshot = ring.Current;
        if (snapshot.SigningKeys.Count == 0 || snapshot.EncryptionKey is null)
        {
            throw new InvalidOperationException("The identity key ring is not loaded: KeyRing.LoadAsync runs before the host serves.");
        }

        // OpenIddict sorts its credentials, but keys of one kind compare equal and the sort keeps two in their order:
        // the first one signs.
        foreach (var key in snapshot.SigningKeys)
        {
            options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        }

        options.EncryptionCredentials.Add(new EncryptingCredentials(snapshot.EncryptionKey,
            SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }
}
