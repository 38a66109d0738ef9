using Microsoft.AspNetCore.Http;

namespace NewsPlatform.Platform.Http;

/// <summary>CONTRACT.md paging: <c>page</c> from 1, <c>pageSize</c> 1–100 (default 20), and the reply shape.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Deeper than this, a client is crawling: it gets 400 rather than an offset scan (or an overflow).</summary>
    public const int MaxPage = 10_000;

    public int Skip => (Page - 1) * PageSize;

    public static bool TryCreate(int? page, int? pageSize, out Paging paging, out IResult? problem)
    {
        paging = new Paging(page ?? 1, pageSize ?? DefaultPageSize);
        var errors = new ValidationErrors();
        if (paging.Page is < 1 or > MaxPage) errors.Add("page", $"page is between 1 and {MaxPage}.");
        if (paging.PageSize is < 1 or > MaxPageSize) errors.Add("pageSize", $"pageSize is between 1 and {MaxPageSize}.");
        problem = errors.Any ? Problems.Validation(errors.ToDictionary()) : null;
        return problem is null;
    }
}

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
