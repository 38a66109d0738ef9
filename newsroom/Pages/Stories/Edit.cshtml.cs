using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Newsroom.Console;
using NewsPlatform.Newsroom.Gateway;

namespace NewsPlatform.Newsroom.Pages.Stories;

/// <summary>
/// Write or edit a story. A save that someone else's save overtook (412) shows their version beside the form, which
/// still holds everything this editor typed; saving again then replaces theirs, knowingly.
/// </summary>
[Authorize(Roles = "editor,admin")]
public sealed class EditModel(NewsroomApi api) : ConsolePage(api)
{
    [BindProperty] public StoryForm Form { get; set; } = new();

    public Guid? Id { get; private set; }

    /// <summary>The version saved by someone else, when this save lost the race.</summary>
    public Article? Theirs { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            Form = new StoryForm { Language = "en", Section = null, IdempotencyKey = Guid.NewGuid().ToString("N") };
            return Page();
        }

        var answer = await Api.GetAsync<Article>($"api/articles/{id}", ct);
        if (!answer.IsSuccess) return NotFound();
        Form = StoryForm.From(answer.Value!, answer.ETag);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            var created = await Api.PostAsync<Article>("api/articles", Form.ToWrite(), null, ct, Form.IdempotencyKey);
            if (created.IsSuccess && created.Value is { } article)
            {
                Flash("Draft saved.");
                return Redirect($"{Request.PathBase}/stories/{article.Id}");
            }

            Problem = created.Problem;
            Response.StatusCode = created.Status;
            return Page();
        }

        var saved = await Api.PutAsync<Article>($"api/articles/{id}", Form.ToWrite(), Form.Version, ct);
        if (saved.IsSuccess)
        {
            Flash("Saved.");
            return Redirect($"{Request.PathBase}/stories/{id}");
        }

        Problem = saved.Problem;
        Response.StatusCode = saved.Status;
        if (saved.IsConflictingEdit)
        {
            // Theirs beside ours; the form now names their version, so the next save replaces theirs on purpose.
            var current = await Api.GetAsync<Article>($"api/articles/{id}", ct);
            if (current.IsSuccess)
            {
                Theirs = current.Value;
                Form.Version = NewsroomApi.Unquote(current.ETag ?? Theirs!.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
                ModelState.Remove("Form.Version");
            }
        }

        return Page();
    }
}
