using System.Net;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPlatform.Contracts;
using NewsPlatform.Platform;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;
using NewsPlatform.Platform.Messaging;
using System.Security.Claims;

namespace NewsPlatform.UnitTests.Platform;

/// <summary>Issue 12's platform-wide switches, each in a process of its own making.</summary>
public sealed class HardeningTests
{
    // A key of this run's own: no key in the repository is accepted anywhere (CommittedKeys).
    private static readonly string SigningKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_route_without_a_decision_is_closed_while_declared_public_ones_unknown_paths_and_wrong_methods_answer_as_before()
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKey"] = SigningKey });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults("unit");
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/new-route", () => "nobody decided");
        app.MapGet("/declared-public", () => "anyone").AllowAnonymous();
        app.MapGet("/for-editors", () => "editors").RequireAnyRole(Roles.Editor);
        await app.StartAsync();

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/new-route")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/declared-public")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/for-editors")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no-such-route")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostAsync("/declared-public", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        // OpenAPI and Scalar are a developer's tools: not mapped outside Development.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/scalar/v1")).StatusCode);
        Assert.DoesNotContain(app.Services.GetRequiredService<EndpointDataSource>().Endpoints,
            e => e.DisplayName?.Contains("openapi", StringComparison.OrdinalIgnoreCase) == true);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("::1", false, true)]
    [InlineData("::ffff:127.0.0.1", false, true)]
    [InlineData("203.0.113.9", false, false)]
    [InlineData("10.0.0.5", false, false)]
    [InlineData("203.0.113.9", true, true)]
    public void Health_details_go_to_loopback_and_admins(string address, bool admin, bool details)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (admin) context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(Roles.RoleClaim, Roles.Admin)], "test", "name", Roles.RoleClaim));
        Assert.Equal(details, HealthReportWriter.MaySeeDetails(context));
    }

    [Fact]
    public void A_caller_with_another_role_sees_no_details()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(Roles.RoleClaim, Roles.Editor)], "test", "name", Roles.RoleClaim));
        Assert.False(HealthReportWriter.MaySeeDetails(context));
    }

    [Fact]
    public void MassTransit_usage_telemetry_is_off()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:RabbitMq"] = "amqp://guest:guest@127.0.0.1:1/" });
        builder.AddPlatformMessaging("unit");
        using var host = builder.Build();
        Assert.False(host.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }

    [Fact]
    public void A_translation_message_out_of_bounds_is_refused_and_a_sound_one_accepted()
    {
        var sound = new TranslationPublished(Guid.NewGuid(), "fr", "le-titre", "Le titre", "Résumé", "<p>Texte</p>", 2);
        Assert.Null(global::NewsPlatform.Articles.Integration.TranslationPublishedConsumer.Refusal(sound));
        Assert.NotNull(global::NewsPlatform.Articles.Integration.TranslationPublishedConsumer.Refusal(sound with { Lang = "<script>" }));
        Assert.NotNull(global::NewsPlatform.Articles.Integration.TranslationPublishedConsumer.Refusal(sound with { ArticleId = Guid.Empty }));
        Assert.NotNull(global::NewsPlatform.Articles.Integration.TranslationPublishedConsumer.Refusal(sound with { Title = " " }));
        Assert.NotNull(global::NewsPlatform.Articles.Integration.TranslationPublishedConsumer.Refusal(sound with { Title = new string('t', 201) }));
        Assert.NotNull(global::NewsPlatform.Articles.Integration.TranslationPublishedConsumer.Refusal(sound with { Summary = new string('s', 501) }));
        Assert.NotNull(global::NewsPlatform.Articles.Integration.TranslationPublishedConsumer.Refusal(sound with { Body = new string('b', 200 * 1024 + 1) }));
        Assert.NotNull(global::NewsPlatform.Articles.Integration.TranslationPublishedConsumer.Refusal(sound with { Slug = "" }));
        Assert.NotNull(global::NewsPlatform.Articles.Integration.TranslationPublishedConsumer.Refusal(sound with { SourceVersion = -1 }));
    }

    [Fact]
    public void An_article_message_out_of_bounds_is_refused_by_localization_and_comments()
    {
        var sound = new ArticlePublished(Guid.NewGuid(), "le-titre", "Le titre", "Résumé", "politics", ["elections"], "fr",
            DateTimeOffset.UtcNow, 3, false);
        Assert.Null(global::NewsPlatform.Localization.Translations.SourceMessages.Refusal(sound));
        Assert.Null(global::NewsPlatform.Comments.Threads.ArticlePublishedConsumer.Refusal(sound));
        foreach (var bad in new[]
        {
            sound with { ArticleId = Guid.Empty }, sound with { Title = "" }, sound with { Title = new string('t', 201) },
            sound with { Slug = " " }, sound with { Slug = new string('s', 1000) }, sound with { Version = -1 },
        })
        {
            Assert.NotNull(global::NewsPlatform.Localization.Translations.SourceMessages.Refusal(bad));
            Assert.NotNull(global::NewsPlatform.Comments.Threads.ArticlePublishedConsumer.Refusal(bad));
        }

        Assert.NotNull(global::NewsPlatform.Localization.Translations.SourceMessages.Refusal(sound with { Language = "not a tag" }));
        Assert.NotNull(global::NewsPlatform.Localization.Translations.SourceMessages.Refusal(sound with { Tags = [.. Enumerable.Range(0, 31).Select(i => $"t{i}")] }));
        Assert.NotNull(global::NewsPlatform.Localization.Translations.SourceMessages.Refusal(sound with { Section = new string('s', 51) }));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
