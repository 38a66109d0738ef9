using System.Diagnostics;
using System.Text.Json;
using JasperFx;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.Platform.Http;

public static class ProblemDetailsSetup
{
    /// <summary>Request bodies above this size answer 413 (CONTRACT.md: JSON bodies over 256 KiB).</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <summary>
    /// Every error leaves as RFC 9457 problem details with a <c>traceId</c>: framework failures
    /// (malformed JSON, wrong content type, body too large), empty 401/403/404/405 answers, and
    /// anything unexpected, which is logged and answered 500 without internals.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] =
                Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        builder.Services.AddExceptionHandler<PlatformExceptionHandler>();
        // Binding failures throw so that the exception handler can say what was wrong with the body.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => JsonDefaults.Apply(o.SerializerOptions));
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(
            o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    public static IApplicationBuilder UsePlatformProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>PostgreSQL or the network went away (as opposed to a bug): the caller may retry.</summary>
    private static bool IsInfrastructureOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException) return true;
        }

        return false;
    }

    private sealed class PlatformExceptionHandler(IProblemDetailsService problems, ILogger<PlatformExceptionHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken token)
        {
            var (status, title, detail) = Classify(exception);
            if (status >= 500)
            {
                logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
            }

            context.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = "5";
                // After a database restart every pooled connection is dead; drop them all at the first sign
                // rather than failing one request per stale connection.
                if (context.RequestServices.GetService<Marten.IDocumentStore>()?.Storage.Database is Weasel.Postgresql.PostgresqlDatabase database)
                {
                    database.DataSource.Clear();
                }
            }
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }

        private static (int Status, string Title, string Detail) Classify(Exception exception) => exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, "Request body too large", $"The request body must not exceed {MaxRequestBodyBytes / 1024} KiB."),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                (415, "Unsupported media type", "The request body must be JSON (Content-Type: application/json)."),
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, "Malformed JSON", json.Message),
            BadHttpRequestException bad =>
                (bad.StatusCode, "Bad request", bad.Message),
            JsonException json =>
                (400, "Malformed JSON", json.Message),
            ConcurrencyException =>
                (412, "Precondition failed", "The resource was changed by someone else; fetch it again and retry with its new ETag."),
            _ when IsInfrastructureOutage(exception) =>
                (503, "Service unavailable", "A database or broker this service needs is unreachable; nothing was changed. Retry shortly."),
            _ => (500, "Internal server error", "Something went wrong on our side. Quote the traceId when reporting it."),
        };
    }
}
