using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using NewsPlatform.Newsroom.Pages.Admin;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Newsroom.Console;

/// <summary>
/// <c>/newsroom/admin/export/{service}?format=ndjson|parquet</c>: a service's event history for analysts, streamed from
/// the gateway with the signed-in user's token (a plain link to the API would carry no token).
/// </summary>
public static class ExportEndpoint
{
    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/export/{service}", async (string service, string? format, HttpContext http, IHttpClientFactory clients,
            IOptions<NewsroomOptions> options) =>
        {
            if (!PlatformModel.Services.Contains(service)) return Results.NotFound();
            var parquet = format == "parquet";
            var client = clients.CreateClient("export");
            var url = $"{options.Value.GatewayUrl.ToString().TrimEnd('/')}/api/{service}/events?limit=100000{(parquet ? "&format=parquet" : "")}";
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new("Bearer", await http.GetTokenAsync("access_token"));
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                response.Dispose();
                return Results.Problem(statusCode: (int)response.StatusCode, title: "The export was refused.");
            }

            http.Response.RegisterForDispose(response);
            return Results.Stream(await response.Content.ReadAsStreamAsync(http.RequestAborted),
                parquet ? "application/vnd.apache.parquet" : "application/x-ndjson",
                $"{service}-events.{(parquet ? "parquet" : "ndjson")}");
        }).RequireAuthorization(p => p.RequireRole(Roles.Analyst, Roles.Admin));
        return app;
    }
}
