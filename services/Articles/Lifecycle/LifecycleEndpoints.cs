using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Articles.Lifecycle;

public sealed record ReasonRequest(string? Reason);

public sealed record CorrectionRequest(string? Text);

/// <summary>The one-step editorial actions: unpublish, retract, feature, unfeature, correct.</summary>
public static class LifecycleEndpoints
{
    public const int MaxReason = 1000;
    public const int MaxCorrection = 2000;

    public static async Task<IResult> Unpublish(Guid id, HttpRequest http, ISessionFactory sessions, TimeProvider clock,
        CancellationToken ct)
    {
        var request = await ReadOptionalAsync<ReasonRequest>(http, ct);
        if (request?.Reason?.Length > MaxReason) return Problems.Validation("reason", $"reason must be at most {MaxReason} characters.");
        return await ArticleCommands.ExecuteAsync("unpublish", id, http, sessions,
            a => ArticleDecider.Decide(a, new UnpublishArticle(id, request?.Reason?.Trim(), clock.GetUtcNow())), ct);
    }

    public static async Task<IResult> Retract(Guid id, ReasonRequest request, HttpRequest http, ISessionFactory sessions,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors().Length("reason", request.Reason, 1, MaxReason);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        return await ArticleCommands.ExecuteAsync("retract", id, http, sessions,
            a => ArticleDecider.Decide(a, new RetractArticle(id, request.Reason!.Trim(), clock.GetUtcNow())), ct);
    }

    public static Task<IResult> Feature(Guid id, HttpRequest http, ISessionFactory sessions, TimeProvider clock, CancellationToken ct) =>
        ArticleCommands.ExecuteAsync("feature", id, http, sessions, a => ArticleDecider.Decide(a, new FeatureArticle(id, clock.GetUtcNow())), ct);

    public static Task<IResult> Unfeature(Guid id, HttpRequest http, ISessionFactory sessions, TimeProvider clock, CancellationToken ct) =>
        ArticleCommands.ExecuteAsync("unfeature", id, http, sessions, a => ArticleDecider.Decide(a, new UnfeatureArticle(id, clock.GetUtcNow())), ct);

    public static async Task<IResult> Correct(Guid id, CorrectionRequest request, HttpRequest http, ISessionFactory sessions,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors().Length("text", request.Text, 1, MaxCorrection);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        return await ArticleCommands.ExecuteAsync("correct", id, http, sessions,
            a => ArticleDecider.Decide(a, new CorrectArticle(id, request.Text!.Trim(), clock.GetUtcNow())), ct);
    }

    /// <summary>A body that may be absent (unpublish needs no reason), but must be JSON when present.</summary>
    private static async Task<T?> ReadOptionalAsync<T>(HttpRequest http, CancellationToken ct) where T : class
    {
        if (http.ContentLength is 0 || (http.ContentLength is null && !http.Headers.TransferEncoding.Any())) return null;
        if (!http.HasJsonContentType())
        {
            throw new BadHttpRequestException("The request body must be JSON.", StatusCodes.Status415UnsupportedMediaType);
        }

        return await http.ReadFromJsonAsync<T>(ct);
    }
}
