using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Translations;

public sealed class TranslationForm
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? Version { get; set; }
    public static readonly string[] Fields = ["title", "summary", "body"];
}

/// <summary>
/// Source and translation side by side. A stale translation names the source's changed fields and marks them; the
/// translator saves, then submits; an editor approves (which publishes it) or sends it back by unpublishing.
/// </summary>
[Authorize(Roles = "translator,editor,admin")]
public sealed class TranslateModel(NewsroomApi api) : ConsolePage(api)
{
    public Guid ArticleId { get; private set; }
    public string Lang { get; private set; } = "";
    public Article? Source { get; private set; }
    public TranslationView? Translation { get; private set; }
    [BindProperty] public TranslationForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid articleId, string lang, CancellationToken ct)
    {
        if (await LoadAsync(articleId, lang, ct) is { } failed) return failed;
        Form = new TranslationForm { Title = Translation?.Title, Summary = Translation?.Summary, Body = Translation?.Body, Version = Form.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid articleId, string lang, CancellationToken ct)
    {
        var answer = await Api.PutAsync<NoBody>(PathOf(articleId, lang), new { title = Form.Title, summary = Form.Summary, body = Form.Body },
            string.IsNullOrEmpty(Form.Version) || Form.Version == "0" ? null : Form.Version, ct);
        return await AfterAsync(articleId, lang, answer, "Translation saved as a draft.", ct);
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid articleId, string lang, CancellationToken ct) =>
        await AfterAsync(articleId, lang, await Api.PostAsync<NoBody>($"{PathOf(articleId, lang)}/submit", null, Form.Version, ct),
            "Submitted for review.", ct);

    public async Task<IActionResult> OnPostApproveAsync(Guid articleId, string lang, CancellationToken ct) =>
        await AfterAsync(articleId, lang, await Api.PostAsync<NoBody>($"{PathOf(articleId, lang)}/approve", null, Form.Version, ct),
            "Approved: the translation is published.", ct);

    public async Task<IActionResult> OnPostUnpublishAsync(Guid articleId, string lang, CancellationToken ct) =>
        await AfterAsync(articleId, lang, await Api.PostAsync<NoBody>($"{PathOf(articleId, lang)}/unpublish", new { }, Form.Version, ct),
            "Translation unpublished.", ct);

    private async Task<IActionResult> AfterAsync(Guid articleId, string lang, ApiResult<NoBody> answer, string done, CancellationToken ct)
    {
        if (answer.IsSuccess)
        {
            Flash(done);
            return Redirect($"{Request.PathBase}/translations/{articleId}/{lang}");
        }

        // The typed text stays in the form; the version moves on only when someone else's save overtook this one.
        Problem = answer.Problem;
        if (await LoadAsync(articleId, lang, ct) is { } failed) return failed;
        if (!answer.IsConflictingEdit) ModelState.Remove("Form.Version");
        else { Form.Version = CurrentVersion; ModelState.Remove("Form.Version"); }
        Response.StatusCode = answer.Status;
        return Page();
    }

    private string? CurrentVersion { get; set; }

    private async Task<IActionResult?> LoadAsync(Guid articleId, string lang, CancellationToken ct)
    {
        ArticleId = articleId;
        Lang = lang;
        var source = await Api.GetAsync<Article>($"api/articles/{articleId}", ct);
        if (source.Status == 404) return NotFound();
        Source = source.Value;
        var translation = await Api.GetAsync<TranslationView>(PathOf(articleId, lang), ct);
        if (translation.Status == 404) return NotFound();
        if (!translation.IsSuccess) { Problem ??= translation.Problem; return null; }
        Translation = translation.Value;
        CurrentVersion = NewsroomApi.Unquote(translation.ETag ?? Translation!.Version.ToString(CultureInfo.InvariantCulture));
        if (string.IsNullOrEmpty(Form.Version) || !HttpMethods.IsPost(Request.Method)) Form.Version = CurrentVersion;
        return null;
    }

    public bool Changed(string field) => Translation?.ChangedFields.Contains(field, StringComparer.OrdinalIgnoreCase) == true;

    private static string PathOf(Guid articleId, string lang) => $"api/localization/articles/{articleId}/translations/{Uri.EscapeDataString(lang)}";
}
