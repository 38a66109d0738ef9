using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPlatform.Identity;
using NewsPlatform.Identity.Accounts;
using NewsPlatform.Identity.Clients;
using NewsPlatform.Identity.Connect;
using NewsPlatform.Identity.Data;
using NewsPlatform.Identity.Signing;
using NewsPlatform.Identity.Users;
using NewsPlatform.Platform;
using OpenIddict.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("identity");
builder.Services.AddOptions<IdentityServiceOptions>().Bind(builder.Configuration.GetSection(IdentityServiceOptions.Section));
var identityOptions = builder.Configuration.GetSection(IdentityServiceOptions.Section).Get<IdentityServiceOptions>() ?? new();
builder.Services.AddSingleton(TimeProvider.System);

var connectionString = builder.Configuration.GetConnectionString("Postgres")
    ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set.");
builder.Services.AddDbContext<IdentityDb>(options =>
{
    options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", IdentityDb.Schema));
    options.UseOpenIddict();
});
builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgres", tags: ["ready"]);

builder.Services
    .AddIdentity<StaffUser, IdentityRole>(options => StaffAccountRules.Apply(options))
    .AddEntityFrameworkStores<IdentityDb>()
    .AddSignInManager<StaffSignInManager>()
    .AddPasswordValidator<NotTheUserNameValidator>()
    .AddDefaultTokenProviders();
builder.Services.ConfigureApplicationCookie(StaffAccountRules.ApplyCookie);

builder.Services.AddOpenIddict()
    .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
    .AddServer(server =>
    {
        server.SetIssuer(identityOptions.IssuerUri);
        server.SetAuthorizationEndpointUris(ConnectEndpoints.AuthorizePath.TrimStart('/'))
            .SetTokenEndpointUris(ConnectEndpoints.TokenPath.TrimStart('/'))
            .SetEndSessionEndpointUris(ConnectEndpoints.EndSessionPath.TrimStart('/'));
        server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
            .AllowRefreshTokenFlow()
            .AllowClientCredentialsFlow();
        server.RegisterScopes(OpenIddict.Abstractions.OpenIddictConstants.Scopes.OpenId,
            OpenIddict.Abstractions.OpenIddictConstants.Scopes.Profile,
            OpenIddict.Abstractions.OpenIddictConstants.Scopes.Email,
            OpenIddict.Abstractions.OpenIddictConstants.Scopes.Roles,
            OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess);
        server.SetAccessTokenLifetime(identityOptions.AccessTokenLifetime)
            .SetRefreshTokenLifetime(identityOptions.RefreshTokenLifetime);
        // The services read the access token themselves (a JWT signed with the ring's RSA key), so it is not encrypted.
        server.DisableAccessTokenEncryption();
        server.UseAspNetCore()
            .EnableAuthorizationEndpointPassthrough()
            .EnableTokenEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough()
            .EnableStatusCodePagesIntegration()
            // TLS ends in front of the gateway (docs/decisions/0013): the service itself only ever sees HTTP.
            .DisableTransportSecurityRequirement();
    });
builder.Services.AddSingleton<KeyRing>();
builder.Services.AddHostedService(services => services.GetRequiredService<KeyRing>());
builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeyOptions>();
builder.Services.AddAdminPolicy(builder.Configuration);
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AllowAnonymousToFolder("/Account");
});

var app = builder.Build();

// The gateway forwards /identity/** as it is: with the path base taken off, the service's own links, cookies and
// endpoint URIs all carry /identity, as the browser sees them.
app.UsePathBase(IdentityServiceOptions.PathBase);
app.UseRouting();
app.MapDefaultEndpoints();
app.UseStaticFiles();
app.MapConnectEndpoints();
app.MapUserEndpoints();
app.MapKeyEndpoints();
app.MapRazorPages();

await using (var scope = app.Services.CreateAsyncScope())
{
    await DatabaseSetup.CreateTablesWhenMissingAsync(scope.ServiceProvider.GetRequiredService<IdentityDb>(), CancellationToken.None);
    await app.Services.GetRequiredService<KeyRing>().LoadAsync(CancellationToken.None);
    await ClientSeeder.SeedAsync(scope.ServiceProvider, CancellationToken.None);
    await StaffRoles.SeedAsync(scope.ServiceProvider);
    await FirstAdmin.EnsureAsync(scope.ServiceProvider, app.Logger);
}

app.Run();
