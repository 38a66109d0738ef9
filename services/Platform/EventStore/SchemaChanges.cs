using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.Platform.EventStore;

/// <summary>Who changes a service's database schema (docs/decisions/0021).</summary>
public enum SchemaChangeMode
{
    /// <summary>The service applies its schema when it starts (F5, the tests): one role does everything.</summary>
    OnStartup,

    /// <summary>The service applies its schema and exits: the step <c>./platform up</c> runs as the schema's owner role.</summary>
    ApplyAndExit,

    /// <summary>The service changes no schema: it runs as a role that may only read and write rows.</summary>
    Never,
}

/// <summary>A part of a service's schema that Marten does not make (the articles search table), applied with Marten's.</summary>
public interface ISchemaPart
{
    Task ApplyAsync(CancellationToken ct);
}

public static class SchemaChanges
{
    public const string Setting = "Database:SchemaChanges";

    public static SchemaChangeMode ModeOf(IConfiguration configuration) =>
        configuration[Setting] is not { Length: > 0 } value ? SchemaChangeMode.OnStartup
        : Enum.TryParse<SchemaChangeMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode
        : throw new InvalidOperationException(
            $"{Setting} is '{value}': set Database__SchemaChanges to OnStartup, ApplyAndExit or Never.");

    /// <summary>Registers <typeparamref name="TPart"/>, applied at start-up unless schema changes run elsewhere.</summary>
    public static IHostApplicationBuilder AddSchemaPart<TPart>(this IHostApplicationBuilder builder)
        where TPart : class, ISchemaPart
    {
        builder.Services.AddSingleton<TPart>();
        builder.Services.AddSingleton<ISchemaPart>(sp => sp.GetRequiredService<TPart>());
        if (ModeOf(builder.Configuration) == SchemaChangeMode.OnStartup)
        {
            builder.Services.AddHostedService(sp => new SchemaPartOnStartup(sp.GetRequiredService<TPart>()));
        }

        return builder;
    }

    /// <summary>
    /// In <see cref="SchemaChangeMode.ApplyAndExit"/>: applies Marten's schema and every <see cref="ISchemaPart"/>,
    /// and says so (the caller then returns from Main without serving). False in the other modes.
    /// </summary>
    public static async Task<bool> ApplyAndExitAsync(this WebApplication app)
    {
        if (ModeOf(app.Configuration) != SchemaChangeMode.ApplyAndExit) return false;
        using var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchemaChanges));
        // Marten's schema where the service has one (identity's tables are EF Core's, made by its ISchemaPart).
        if (app.Services.GetService<IDocumentStore>() is { } store) await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        foreach (var part in app.Services.GetServices<ISchemaPart>()) await part.ApplyAsync(stopping.Token);
        logger.LogInformation("Schema of {Service} applied; exiting without serving ({Setting}=ApplyAndExit).",
            app.Environment.ApplicationName, Setting);
        return true;
    }

    private sealed class SchemaPartOnStartup(ISchemaPart part) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => part.ApplyAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
