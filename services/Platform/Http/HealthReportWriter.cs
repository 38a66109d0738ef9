using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Platform.Http;

/// <summary>
/// Health answers as JSON. An operator on the machine (loopback) or an admin sees one entry per check, so they
/// know which dependency failed; anyone else gets the status code and a bare status, since the checks' details
/// (lag figures, connection errors) tell an outsider how the platform is built (issue 12).
/// </summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        if (!MaySeeDetails(context))
        {
            return JsonSerializer.SerializeAsync(context.Response.Body, new { status = report.Status.ToString() },
                JsonDefaults.Web, context.RequestAborted);
        }

        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Count > 0 ? e.Value.Data : null,
            }),
        }, JsonDefaults.Web, context.RequestAborted);
    }

    /// <summary>
    /// The caller's address as the process sees it (after a trusted front end's X-Forwarded-For, if any) is loopback,
    /// or the caller carries a valid admin token. No address at all is an in-process test server: loopback too.
    /// </summary>
    public static bool MaySeeDetails(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } address
        || System.Net.IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
        || context.User.IsInRole(Roles.Admin);
}
