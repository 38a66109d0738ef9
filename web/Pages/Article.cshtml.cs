using System.Net.Mail;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Web.Gateway;
using NewsPlatform.Web.Site;

namespace NewsPlatform.Web.Pages;

/// <summary>
/// The article page (<c>/{lang}/{slug}</c>): every part of the seed page from one gateway call, and the LEAVE A REPLY
/// form's post (<c>/{lang}/{slug}/comments</c>), which answers 303 back to the article without JavaScript and JSON
/// with it.
/// </summary>
[ArticleTemplateFilter]
public sealed class ArticleModel(SiteContext site, GatewayClient gateway, PageTemplates templates) : SitePage(site)
{
    public ArticlePageData Data { get; private set; } = null!;

    public ArticleData Article => Data.Article;

    /// <summary>The other published language versions of this story ("Read in French").</summary>
    public IReadOnlyList<LanguageVersion> OtherLanguages { get; private set; } = [];

    /// <summary>The message shown in the reply part after a post (from <c>?reply=</c>, or a re-rendered invalid post).</summary>
    public string? ReplyMessage { get; private set; }

    public string? ReplyStatus { get; private set; }

    public CommentForm Form { get; private set; } = new();

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public (string Before, string After) Body { get; private set; }

    /// <summary>Latest Articles, without the story on the page.</summary>
    public IReadOnlyList<ArticleData> Latest => [.. (Data.LatestArticles?.Items ?? []).Where(l => l.Id != Article.Id)];

    public async Task<IActionResult> OnGetAsync(string lang, string slug, string? reply, Guid? replyTo, [FromRoute] Guid? id, CancellationToken ct)
    {
        if (id is { } previewed) return await PreviewAsync(previewed, ct);

        // The form's address, opened as a page (a reload after a post): the article's reply form is where it lives.
        if (Request.Path.Value?.Split('/').Length == 4)
        {
            return Redirect($"/{lang}/{Uri.EscapeDataString(slug)}#reply");
        }

        var loaded = await LoadAsync(lang, slug, ct, forView: true);
        if (loaded is not null) return loaded;
        ReplyStatus = reply;
        ReplyMessage = reply is null ? null : MessageFor(reply);
        Form = new CommentForm { ParentId = replyTo };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, string slug, [FromForm] CommentForm form, CancellationToken ct)
    {
        var wantsJson = Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        var language = Site.SiteLanguage(lang);
        if (language is null) return await ErrorPageAsync(gateway, Site.DefaultLanguage, 404, ct);
        var articlePath = $"/{language}/{Uri.EscapeDataString(slug)}";

        // A bot filled the field humans never see: it is told it worked, and nothing is posted.
        if (!string.IsNullOrEmpty(form.Homepage)) return await AnswerAsync("pending", language, articlePath, wantsJson, ct);

        Form = form;
        Validate(form);
        if (FieldErrors.Count > 0) return await InvalidAsync(language, slug, wantsJson, ct);

        var articleId = form.ArticleId;
        if (articleId is null)
        {
            var loaded = await LoadAsync(language, slug, ct);
            if (loaded is not null) return loaded;
            articleId = Article.Id;
        }

        var answer = await gateway.PostCommentAsync(articleId.Value, new CommentPost(form.AuthorName!.Trim(), form.AuthorEmail!.Trim(),
            form.Body!, string.IsNullOrWhiteSpace(form.Website) ? null : form.Website.Trim(), form.ParentId), ct);
        switch (answer.Outcome)
        {
            case Outcome.Ok:
                return await AnswerAsync(answer.Value!.Status == "approved" ? "approved" : "pending", language, articlePath, wantsJson, ct);
            case Outcome.Invalid:
                foreach (var (field, _) in answer.Problem?.Errors ?? new Dictionary<string, string[]>())
                {
                    if (FieldMessageKey(field) is { } key) FieldErrors[FormFieldName(field)] = key;
                }

                if (FieldErrors.Count == 0) FieldErrors["body"] = "pleaseEnterYourComment";
                return await InvalidAsync(language, slug, wantsJson, ct);
            case Outcome.TooFast:
                return await AnswerAsync("too-fast", language, articlePath, wantsJson, ct);
            case Outcome.Conflict:
                var closed = $"{answer.Problem?.Title} {answer.Problem?.Detail}".Contains("closed", StringComparison.OrdinalIgnoreCase);
                return await AnswerAsync(closed ? "closed" : "rejected", language, articlePath, wantsJson, ct);
            case Outcome.NotFound:
                return wantsJson ? await JsonAnswerAsync("not-found", language, 404, ct) : await ErrorPageAsync(gateway, language, 404, ct);
            default:
                return await AnswerAsync("failed", language, articlePath, wantsJson, ct);
        }
    }

    /// <summary>
    /// <c>/preview/{id}</c>: the story exactly as this page renders it, in any state, for a caller whose bearer token the
    /// articles service lets read it (an editor's, sent by the newsroom). No comments, no ads, never indexed or cached.
    /// </summary>
    private async Task<IActionResult> PreviewAsync(Guid id, CancellationToken ct)
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return await ErrorPageAsync(gateway, Site.DefaultLanguage, 404, ct);
        var answer = await gateway.ArticleForPreviewAsync(id, authorization, ct);
        if (answer.Outcome != Outcome.Ok) return await ErrorPageAsync(gateway, Site.DefaultLanguage, answer.Outcome == Outcome.Unavailable ? 503 : 404, ct);

        var article = answer.Value!;
        var language = Site.SiteLanguage(article.Language) ?? Site.DefaultLanguage;
        var home = (await gateway.HomePageAsync(language, null, null, 1, 6, ct)).Value;
        Data = new ArticlePageData(language, article, [], new CommentList([], 0, false), null, home?.MustRead, home?.LatestArticles,
            null, home?.Strings, home?.Terms, home?.Weather);
        UseChrome(language, home?.Strings, home?.Terms, home?.Weather, null, home?.MustRead);
        Body = BodySplitter.AfterParagraph(article.Body ?? "");
        Describe();
        Meta.NoIndex = true;
        Response.Headers.CacheControl = "private, no-store";
        return Page();
    }

    /// <summary>The template this view renders with markers (<see cref="ArticleTemplateFilter"/> fills them), if any.</summary>
    public string? TemplateKey { get; private set; }

    /// <summary>Whether the next views may use that template (not when the page shows this request's own reply message).</summary>
    public bool KeepTemplate { get; private set; }

    /// <summary>
    /// The page's data, or the answer that replaces the page (redirect, 404, 503). For a page view (<paramref name="forView"/>)
    /// whose answer is, but for its ads, one already rendered at this address today, the page from its template.
    /// </summary>
    private async Task<IActionResult?> LoadAsync(string lang, string slug, CancellationToken ct, bool forView = false)
    {
        var language = Site.SiteLanguage(lang);
        if (language is null) return await ErrorPageAsync(gateway, Site.DefaultLanguage, 404, ct);
        if (language != lang) return RedirectPermanent($"/{language}/{Uri.EscapeDataString(slug)}");

        var answer = await gateway.ArticlePageJsonAsync(language, slug, ct);
        switch (answer.Outcome)
        {
            case Outcome.Moved when NewSlug(answer.Location) is { } moved:
                return RedirectPermanent($"/{language}/{Uri.EscapeDataString(moved)}");
            case Outcome.NotFound or Outcome.Invalid or Outcome.Moved:
                return await ErrorPageAsync(gateway, language, 404, ct);
            case Outcome.Ok:
                break;
            default:
                return await ErrorPageAsync(gateway, language, 503, ct);
        }

        var json = answer.Value!;
        var keyed = forView
            ? PageTemplates.KeyOf(json, $"{Request.Scheme}://{Request.Host}{Request.Path}{Request.QueryString}",
                Site.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            : null;
        if (keyed is { } seen && !Request.QueryString.HasValue && templates.Find(seen.Key) is { } template)
        {
            // A template is only kept from a 200 page rendered at this very address from these very bytes: whatever
            // redirect or error this answer could lead to, it did not.
            Lang = language;
            return new ArticleTemplateResult(template, GatewayClient.Ads(seen.Ads));
        }

        if (GatewayClient.ArticlePage(json) is not { } data) return await ErrorPageAsync(gateway, language, 503, ct);
        // The story is shown under the language it is read in: an English-only story asked for under /fr/ lives at /en/.
        var shown = Site.SiteLanguage(data.Article.Language) ?? language;
        // Under the same language a different slug is the story's current one (an old slug, whose 301 the gateway may
        // have followed for us): permanent. Another language may change when a translation is published: temporary.
        if (shown != language) return Redirect($"/{shown}/{Uri.EscapeDataString(data.Article.Slug)}");
        if (data.Article.Slug != slug) return RedirectPermanent($"/{shown}/{Uri.EscapeDataString(data.Article.Slug)}");

        Data = data;
        UseChrome(language, data.Strings, data.Terms, data.Weather, data.Ads, data.MustRead);
        OtherLanguages = [.. (data.Languages ?? []).Where(l => !string.Equals(l.Lang, language, StringComparison.OrdinalIgnoreCase)
                                                           && Site.SiteLanguage(l.Lang) is not null)];
        Body = BodySplitter.AfterParagraph(Article.Body ?? "");
        Describe();
        if (keyed is { } key)
        {
            Holes = templates;
            TemplateKey = key.Key;
            // Only a page made from its own strings and terms: one that fell back to remembered ones depends on more than the answer.
            KeepTemplate = !Request.QueryString.HasValue && data.Strings is { Count: > 0 } && data.Terms is not null;
        }

        return null;
    }

    private void Describe()
    {
        var path = $"/{Lang}/{Uri.EscapeDataString(Article.Slug)}";
        Meta.Title = $"{Article.Title} | {Site.Options.Name}";
        Meta.Description = Article.Summary;
        Meta.CanonicalPath = path;
        Meta.OgType = "article";
        Meta.ImagePath = Article.Image?.Url;
        Meta.ImageAlt = Article.Image?.Alt;
        Meta.Alternates.Add((Lang, path));
        foreach (var other in OtherLanguages) Meta.Alternates.Add((Site.SiteLanguage(other.Lang)!, $"/{Site.SiteLanguage(other.Lang)}/{Uri.EscapeDataString(other.Slug)}"));
        var original = (Data.Languages ?? []).FirstOrDefault(l => l.Original == true && Site.SiteLanguage(l.Lang) is not null);
        Meta.XDefaultPath = original is null ? path : $"/{Site.SiteLanguage(original.Lang)}/{Uri.EscapeDataString(original.Slug)}";

        var logo = Absolute(Url.Content("~/favicon.svg"));
        var article = new NewsArticleLd
        {
            Headline = Article.Title,
            Description = Article.Summary,
            Image = Article.Image is { } image ? [Absolute(image.Url)] : null,
            DatePublished = (Article.FirstPublishedAt ?? Article.PublishedAt) is { } published ? IsoDate(published) : null,
            DateModified = IsoDate(Article.UpdatedAt),
            Author = [.. (Article.Authors ?? []).Select(a => new PersonLd { Name = a })],
            InLanguage = Lang,
            ArticleSection = Article.Section is { } section ? SectionName(section) : null,
            Keywords = Article.Tags is { Count: > 0 } tags ? [.. tags.Select(TagName)] : null,
            MainEntityOfPage = new WebPageLd { Id = Absolute(path) },
            Publisher = new OrganizationLd { Name = Site.Options.Name, Logo = new ImageObjectLd { Url = logo } },
        };
        Meta.JsonLd = JsonSerializer.Serialize(article, LdJson.Default.NewsArticleLd);
    }

    private void Validate(CommentForm form)
    {
        if (string.IsNullOrWhiteSpace(form.Body) || form.Body.Length > CommentForm.MaxBody) FieldErrors["body"] = "pleaseEnterYourComment";
        if (string.IsNullOrWhiteSpace(form.AuthorName) || form.AuthorName.Trim().Length > CommentForm.MaxName) FieldErrors["authorName"] = "pleaseEnterYourName";
        var email = form.AuthorEmail?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > CommentForm.MaxEmail || !MailAddress.TryCreate(email, out var address)
            || !string.Equals(address.Address, email, StringComparison.OrdinalIgnoreCase) || !address.Host.Contains('.'))
        {
            FieldErrors["authorEmail"] = "pleaseEnterYourEmail";
        }

        if (!string.IsNullOrWhiteSpace(form.Website)
            && (form.Website.Trim().Length > CommentForm.MaxWebsite || !Uri.TryCreate(form.Website.Trim(), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https")))
        {
            FieldErrors["website"] = "websiteInvalid";
        }
    }

    /// <summary>Invalid input: with JavaScript the messages as JSON; without, the page again (400) with the values kept.</summary>
    private async Task<IActionResult> InvalidAsync(string language, string slug, bool wantsJson, CancellationToken ct)
    {
        if (wantsJson)
        {
            await LoadChromeAsync(gateway, language, preferRemembered: true, ct);
            return new JsonResult(new
            {
                status = "invalid",
                message = string.Join(" ", FieldErrors.Values.Distinct().Select(k => S[k])),
                errors = FieldErrors.ToDictionary(e => e.Key, e => S[e.Value]),
            }) { StatusCode = 400 };
        }

        var form = Form;
        var loaded = await LoadAsync(language, slug, ct);
        if (loaded is not null) return loaded;
        Form = form;
        ReplyStatus = "invalid";
        Response.StatusCode = 400;
        return Page();
    }

    private async Task<IActionResult> AnswerAsync(string status, string language, string articlePath, bool wantsJson, CancellationToken ct)
    {
        if (wantsJson)
        {
            var code = status switch { "too-fast" => 429, "closed" or "rejected" => 409, "failed" => 503, _ => 200 };
            return await JsonAnswerAsync(status, language, code, ct);
        }

        Response.Headers.Location = $"{articlePath}?reply={status}#reply";
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private async Task<IActionResult> JsonAnswerAsync(string status, string language, int code, CancellationToken ct)
    {
        await LoadChromeAsync(gateway, language, preferRemembered: true, ct);
        return new JsonResult(new { status, message = MessageFor(status) }) { StatusCode = code };
    }

    public string? MessageFor(string status) => status switch
    {
        "approved" => S["commentPublished"],
        "pending" => S["commentAwaitingModeration"],
        "too-fast" => S["commentTooFast"],
        "closed" => S["commentsClosed"],
        "rejected" => S["commentRejected"],
        "failed" => S["commentFailed"],
        "not-found" => S["pageNotFound"],
        _ => null,
    };

    private static string? FieldMessageKey(string field) => FormFieldName(field) switch
    {
        "authorName" => "pleaseEnterYourName",
        "authorEmail" => "pleaseEnterYourEmail",
        "body" => "pleaseEnterYourComment",
        "website" => "websiteInvalid",
        "parentId" => "replyInvalid",
        _ => null,
    };

    private static string FormFieldName(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];

    private static string? NewSlug(string? location)
    {
        if (string.IsNullOrEmpty(location)) return null;
        var path = location.Split('?', '#')[0].TrimEnd('/');
        var last = path[(path.LastIndexOf('/') + 1)..];
        return last.Length == 0 ? null : Uri.UnescapeDataString(last);
    }

    public string? FieldError(string field) => FieldErrors.TryGetValue(field, out var key) ? S[key] : null;
}

/// <summary>The LEAVE A REPLY form's fields, named as the comment API names them, plus the honeypot.</summary>
public sealed class CommentForm
{
    public const int MaxName = 80;
    public const int MaxEmail = 254;
    public const int MaxWebsite = 200;
    public const int MaxBody = 5000;

    public string? AuthorName { get; set; }
    public string? AuthorEmail { get; set; }
    public string? Website { get; set; }
    public string? Body { get; set; }
    public Guid? ParentId { get; set; }
    public Guid? ArticleId { get; set; }

    /// <summary>Hidden from people: only a bot fills it.</summary>
    public string? Homepage { get; set; }
}
