using System.Diagnostics;
using System.Text.Json;
using JasperFx;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;
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
        // After the framework's writer, which answers only callers whose Accept takes JSON: every other caller
        // (Accept: application/xml, text/html …) still gets the problem as JSON — RFC 9457 allows it — instead of
        // a writer-less exception and an empty 500.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonForAnyAccept>();
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
        // PostgreSQL cannot compare text with U+0000: a query value holding it is refused before any handler
        // uses it in a query (paths are refused by Kestrel already, JSON strings by JsonDefaults).
        app.Use(async (context, next) =>
        {
            foreach (var (key, values) in context.Request.Query)
            {
                if (key.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                {
                    var name = key.Replace("\0", "", StringComparison.Ordinal);
                    await Problems.Validation(name, $"{name} must not contain a NUL character (U+0000).").ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });
        // JSON travels as UTF-8 (RFC 8259 §8.1): a body declared in another charset — or one .NET does not know,
        // which used to surface as a 500 from the body reader — is refused before anything reads it.
        app.Use(async (context, next) =>
        {
            if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
                && type.Charset.Value?.Trim('"') is { Length: > 0 } charset
                && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                await TypedResults.Problem($"The request body must be UTF-8; charset '{charset}' is not accepted.",
                    statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    private sealed class ProblemJsonForAnyAccept(Microsoft.Extensions.Options.IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            options.Value.CustomizeProblemDetails?.Invoke(context);
            var problem = context.ProblemDetails;
            problem.Status ??= context.HttpContext.Response.StatusCode;
            return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), JsonSerializerOptions.Web,
                "application/problem+json", context.HttpContext.RequestAborted));
        }
    }

    private sealed class PlatformExceptionHandler(IProblemDetailsService problems, ILogger<PlatformExceptionHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken token)
        {
            var (status, title, detail, errors) = Classify(exception);
            if (status >= 500)
            {
                logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
            }

            context.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = "5";
                EventStore.StaleConnections.DropAfter(exception, context.RequestServices.GetService<Marten.IDocumentStore>());
            }

            var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
            problem.Status = status;
            problem.Title = title;
            problem.Detail = detail;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = problem,
            });
        }

        private static Classified Classify(Exception exception) => exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                new(413, "Request body too large", $"The request body must not exceed {MaxRequestBodyBytes / 1024} KiB."),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                new(415, "Unsupported media type", "The request body must be JSON (Content-Type: application/json)."),
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            JsonException json => FromJson(json),
            BadHttpRequestException bad when BindFailure.Match(bad.Message) is { Success: true } failed =>
                Invalid(failed.Groups["name"].Value, $"{failed.Groups["name"].Value} must be {Expected(failed.Groups["type"].Value)}."),
            BadHttpRequestException bad when bad.Message.Contains("no body was provided", StringComparison.Ordinal)
                                               || bad.Message.Contains("from body", StringComparison.Ordinal) =>
                new(400, "Body required", "This request needs a JSON body; see the API reference for its fields."),
            BadHttpRequestException bad =>
                new(bad.StatusCode, "Bad request", bad.Message),
            ConcurrencyException =>
                new(412, "Precondition failed", "The resource was changed by someone else; fetch it again and retry with its new ETag."),
            _ when EventStore.StaleConnections.IsOutage(exception) =>
                new(503, "Service unavailable", "A database or broker this service needs is unreachable; nothing was changed. Retry shortly."),
            _ => new(500, "Internal server error", "Something went wrong on our side. Quote the traceId when reporting it."),
        };

        /// <summary>
        /// A body that is not JSON says where it broke; JSON with a value of the wrong type names the field, as a
        /// validation error does. Neither repeats the serializer's message, which names our .NET types.
        /// </summary>
        private static Classified FromJson(JsonException json)
        {
            var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            if (json is NulCharacterException)
            {
                return Invalid(field ?? "body", $"{field ?? "The body"} must not contain a NUL character (U+0000).");
            }

            var converted = ConversionFailure.Match(json.Message);
            if (converted.Success)
            {
                // The serializer names the field's type for a primitive, but the enclosing request type when a
                // constructor parameter fails; the latter says nothing a client can use.
                var type = converted.Groups["type"].Value;
                var expected = type.StartsWith("NewsPlatform.", StringComparison.Ordinal) ? null : Expected(type);
                return field is null
                    ? new(400, "Malformed JSON", "The request body must be a JSON object of the documented shape.")
                    : Invalid(field, expected is null ? $"{field} has a value of the wrong type." : $"{field} must be {expected}.");
            }

            var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
            return new(400, "Malformed JSON", $"The request body is not valid JSON{where}.");
        }

        private static Classified Invalid(string field, string message) =>
            new(400, "Validation failed", "One or more fields are invalid.", new Dictionary<string, string[]> { [field] = [message] });

        /// <summary>What a .NET type named in a framework message means to a client.</summary>
        private static string Expected(string type) => type switch
        {
            _ when type.Contains("[]", StringComparison.Ordinal) || type.Contains("List", StringComparison.Ordinal) || type.Contains("Enumerable", StringComparison.Ordinal) => "an array",
            _ when type.Contains("Guid", StringComparison.Ordinal) => "a UUID",
            _ when type.Contains("DateTime", StringComparison.Ordinal) => "an ISO 8601 time",
            _ when type.Contains("Bool", StringComparison.OrdinalIgnoreCase) => "true or false",
            _ when type.Contains("Int", StringComparison.OrdinalIgnoreCase) || type.Contains("long", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("Decimal", StringComparison.OrdinalIgnoreCase) || type.Contains("Double", StringComparison.OrdinalIgnoreCase) => "a number",
            _ when type.Contains("String", StringComparison.OrdinalIgnoreCase) => "a string",
            _ => "a value of the documented type",
        };
    }

    private sealed record Classified(int Status, string Title, string Detail, IDictionary<string, string[]>? Errors = null);

    // "The JSON value could not be converted to System.Guid. Path: $.parentId | …"
    private static readonly System.Text.RegularExpressions.Regex ConversionFailure =
        new(@"could not be converted to (?<type>\S+?)\. Path", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    // "Failed to bind parameter "Nullable<int> page" from "abc"."
    private static readonly System.Text.RegularExpressions.Regex BindFailure =
        new(@"^Failed to bind parameter ""(?<type>.+) (?<name>[^ ""]+)"" from", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
