using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using NewsPlatform.BrowserTests.Infrastructure;
using NewsPlatform.FunctionalTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NewsPlatform.BrowserTests;

/// <summary>The newsroom console in Chromium: real sign-in at the identity service, then each role's work.</summary>
[Collection(SiteCollection.Name)]
public sealed class NewsroomTests(SiteFixture site)
{
    private async Task<IPage> SignedInAsync(IBrowserContext context, string[] roles, string path = "/", string? advertiserId = null)
    {
        var user = await new SignIn(site.Platform).CreateUserAsync(roles, advertiserId);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.NewsroomUrl + path);
        await page.FillAsync("input[name='Input.UserName']", user.UserName);
        await page.FillAsync("input[name='Input.Password']", user.Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(site.NewsroomUrl)));
        return page;
    }

    private static string ImagePath(string name)
    {
        var folder = Path.Combine(SiteFixture.RepositoryRoot(), "docs", "images");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    [Fact]
    public async Task A_reader_who_opens_the_newsroom_is_sent_to_sign_in()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.NewsroomUrl + "/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/identity/Account/Login"));
        await Expect(page.Locator("input[name='Input.Password']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_editor_writes_schedules_and_publishes_a_story_that_then_appears_on_the_reader_site()
    {
        await using var context = await site.NewContextAsync();
        var page = await SignedInAsync(context, ["editor"], "/stories/new");
        var title = $"Newsroom story {Guid.NewGuid():N}"[..30];
        await page.GetByTestId("title").FillAsync(title);
        await page.GetByTestId("body-editor").ClickAsync();
        await page.Keyboard.TypeAsync("Port Louis wakes up to the news written in the console.");
        await page.GetByTestId("section").SelectOptionAsync("politics");
        await page.GetByTestId("image-url").FillAsync("/media/metro-line.jpg");
        await page.GetByTestId("image-alt").FillAsync("The metro line in Port Louis");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ImagePath("newsroom-editor.png"), FullPage = true });
        await page.GetByTestId("save").ClickAsync();

        await Expect(page.GetByTestId("story-status")).ToHaveTextAsync("draft");
        await page.GetByTestId("schedule").ClickAsync(); // an hour from now, the form's default
        await Expect(page.GetByTestId("story-status")).ToHaveTextAsync("scheduled");
        await Expect(page.GetByTestId("scheduled-for")).ToBeVisibleAsync();
        await page.GetByTestId("publish").ClickAsync();
        await Expect(page.GetByTestId("story-status")).ToHaveTextAsync("published");

        var href = await page.GetByTestId("on-site").GetAttributeAsync("href");
        var reader = await context.NewPageAsync();
        await reader.GotoAsync(site.SiteUrl + href);
        await Expect(reader.Locator("h1")).ToContainTextAsync(title);
        await Expect(reader.Locator("main")).ToContainTextAsync("written in the console");
    }

    [Fact]
    public async Task A_moderator_approves_a_held_comment_with_one_key_and_it_then_shows_on_the_article()
    {
        using var editor = site.Client("editor");
        var tag = Newsroom.UniqueTag();
        var (articleId, _, article) = await Newsroom.Published(editor, Newsroom.Story($"Moderated {tag}", tag));
        using var moderatorApi = site.Client("moderator");
        await Eventually.Until(async () => (await moderatorApi.PutAsync($"/api/articles/{articleId}/comments/settings",
                Api.JsonBody(new { mode = "pre" }))).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "the thread opened");
        using var reader = site.Client();
        var body = $"Held for a moderator {tag}";
        var posted = await reader.PostAsync($"/api/articles/{articleId}/comments",
            Api.JsonBody(new { authorName = "Anjali", authorEmail = $"{tag}@example.mu", body }));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        await using var context = await site.NewContextAsync();
        var page = await SignedInAsync(context, ["moderator"], "/moderation");
        var item = page.GetByTestId("queued-comment").Filter(new() { HasText = body });
        await Expect(item.GetByTestId("held-reason")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ImagePath("newsroom-moderation.png"), FullPage = true });
        await item.FocusAsync();
        await page.Keyboard.PressAsync("a");
        // With htmx the row turns into "Approved."; without, the page comes back without it: either way it left the queue.
        await Expect(page.GetByTestId("queued-comment").Filter(new() { HasText = body })).ToHaveCountAsync(0);

        await Expect(page.GetByTestId("decided")).ToHaveTextAsync("Approved.");
        var slug = (string)article["slug"]!;
        var articlePage = await context.NewPageAsync();
        await Eventually.Until(async () =>
        {
            await articlePage.GotoAsync($"{site.SiteUrl}/en/{slug}");
            return await articlePage.GetByText(body).CountAsync();
        }, n => n > 0, TimeSpan.FromSeconds(15), "the approved comment on the article");
    }

    [Fact]
    public async Task A_translator_has_no_publish_button_and_their_token_gets_403_from_the_publish_api()
    {
        using var editor = site.Client("editor");
        var tag = Newsroom.UniqueTag();
        var (articleId, etag) = await Newsroom.Draft(editor, Newsroom.Story($"Not for translators {tag}", tag));

        await using var context = await site.NewContextAsync();
        var page = await SignedInAsync(context, ["translator"], $"/stories/{articleId}");
        await Expect(page.GetByTestId("denied")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("publish").CountAsync());

        var token = await new SignIn(site.Platform).AccessTokenForAsync(["translator"]);
        using var translator = site.Platform.ClientWithToken(token, site.Gateway);
        var response = await Newsroom.Act(translator, articleId, "publish", etag, new { at = (DateTimeOffset?)null });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_translator_translates_a_published_story_an_editor_approves_and_read_in_french_appears()
    {
        using var editorApi = site.Client("editor");
        var tag = Newsroom.UniqueTag();
        var (articleId, _, article) = await Newsroom.Published(editorApi, Newsroom.Story($"To translate {tag}", tag));
        var slug = (string)article["slug"]!;

        await using var context = await site.NewContextAsync();
        // The task appears once localization has heard of the publication.
        var page = await SignedInAsync(context, ["translator"], "/translations?lang=fr");
        await Eventually.Until(async () =>
        {
            await page.GotoAsync($"{site.NewsroomUrl}/translations?lang=fr");
            return await page.GetByTestId("task").Filter(new() { HasText = tag }).CountAsync();
        }, n => n > 0, TimeSpan.FromSeconds(15), "the translation task");
        await page.GetByTestId("task").Filter(new() { HasText = tag }).ClickAsync();

        // Source and translation side by side.
        await Expect(page.GetByTestId("source")).ToContainTextAsync($"To translate {tag}");
        await page.GetByTestId("translation-title").FillAsync($"À traduire {tag}");
        await page.Locator("textarea[name='Form.Summary']").FillAsync("Un résumé en français.");
        await page.GetByTestId("body-editor").ClickAsync();
        await page.Keyboard.TypeAsync("Le corps de l'article, traduit dans la console.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ImagePath("newsroom-translation.png"), FullPage = true });
        await page.GetByTestId("save-translation").ClickAsync();
        await Expect(page.GetByTestId("translation-status")).ToHaveTextAsync("draft");
        await page.GetByTestId("submit-translation").ClickAsync();
        await Expect(page.GetByTestId("translation-status")).ToHaveTextAsync("in_review");
        Assert.Equal(0, await page.GetByTestId("approve-translation").CountAsync());

        await using var editorContext = await site.NewContextAsync();
        var review = await SignedInAsync(editorContext, ["editor"], $"/translations/{articleId}/fr");
        await Expect(review.GetByTestId("translation-form")).ToContainTextAsync("traduit dans la console");
        await review.GetByTestId("approve-translation").ClickAsync();
        await Expect(review.GetByTestId("translation-status")).ToHaveTextAsync("published");

        var reader = await context.NewPageAsync();
        await Eventually.Until(async () =>
        {
            await reader.GotoAsync($"{site.SiteUrl}/en/{slug}");
            return await reader.Locator("[data-part=read-in] a[hreflang=fr]").CountAsync();
        }, n => n > 0, TimeSpan.FromSeconds(15), "Read in French on the article");
        await Expect(reader.Locator("[data-part=read-in] a[hreflang=fr]")).ToHaveTextAsync("Read in French");
    }

    [Fact]
    public async Task An_advertiser_creates_a_campaign_and_sees_its_report_as_a_chart_and_a_table()
    {
        // The advertiser exists in the advertising service first (an admin makes it), then a user who acts for it.
        using var adminApi = site.Client("admin");
        var made = await adminApi.PostAsync("/api/ads/advertisers", Api.JsonBody(new { name = $"Advertiser {Newsroom.UniqueTag()}" }));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var advertiserId = System.Text.Json.JsonDocument.Parse(await made.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await using var context = await site.NewContextAsync();
        var page = await SignedInAsync(context, ["advertiser"], "/campaigns", advertiserId.ToString());
        var name = $"Campaign {Newsroom.UniqueTag()}";
        await page.GetByTestId("campaign-name").FillAsync(name);
        await page.GetByTestId("create-campaign").ClickAsync();
        await page.WaitForLoadStateAsync();
        if (await page.GetByTestId("problem").CountAsync() > 0)
        {
            Assert.Fail("The campaign was not created: " + await page.GetByTestId("problem").InnerTextAsync());
        }

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/campaigns/[0-9a-f-]{36}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("created");
        await Expect(page.GetByTestId("report-chart")).ToBeVisibleAsync();
        // Chart.js drew on the canvas (the vendored script ran and found the report's data).
        Assert.True(await page.EvaluateAsync<bool>("() => !!(window.Chart && window.Chart.getChart(document.getElementById('report-chart')))"),
            "the report chart was drawn");
        await page.GetByText("Table", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("report-table")).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("report-table").Locator("tbody tr").CountAsync() > 0, "the table has a row per bucket");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ImagePath("newsroom-campaign.png"), FullPage = true });

        // Only this advertiser's campaigns, the new one among them.
        await page.GotoAsync(site.NewsroomUrl + "/campaigns");
        await Expect(page.GetByTestId("campaigns").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("campaigns")).ToContainTextAsync(name);
    }

    [Fact]
    public async Task When_another_editor_saved_first_the_412_shows_both_versions_and_keeps_what_was_typed()
    {
        using var editorApi = site.Client("editor");
        var tag = Newsroom.UniqueTag();
        var (articleId, _) = await Newsroom.Draft(editorApi, Newsroom.Story($"Contested {tag}", tag));

        await using var firstContext = await site.NewContextAsync();
        await using var secondContext = await site.NewContextAsync();
        var first = await SignedInAsync(firstContext, ["editor"], $"/stories/{articleId}/edit");
        var second = await SignedInAsync(secondContext, ["editor"], $"/stories/{articleId}/edit");
        await Expect(first.GetByTestId("title")).ToHaveValueAsync($"Contested {tag}");
        await Expect(second.GetByTestId("title")).ToHaveValueAsync($"Contested {tag}");

        await first.GetByTestId("title").FillAsync($"First editor's title {tag}");
        await first.GetByTestId("save").ClickAsync();
        await Expect(first.GetByTestId("story-status")).ToHaveTextAsync("draft");

        await second.GetByTestId("title").FillAsync($"Second editor's title {tag}");
        await second.GetByTestId("body-editor").ClickAsync();
        await second.Keyboard.PressAsync("End");
        await second.Keyboard.TypeAsync(" A sentence only the second editor wrote.");
        await second.GetByTestId("save").ClickAsync();

        await Expect(second.GetByTestId("theirs-title")).ToHaveTextAsync($"First editor's title {tag}");
        await Expect(second.GetByTestId("title")).ToHaveValueAsync($"Second editor's title {tag}");
        await Expect(second.GetByTestId("body-editor")).ToContainTextAsync("only the second editor wrote");
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = ImagePath("newsroom-conflict.png"), FullPage = true });

        // Saving again replaces theirs knowingly.
        await second.GetByTestId("save").ClickAsync();
        await Expect(second.GetByTestId("story-status")).ToHaveTextAsync("draft");
        await Eventually.Until(async () =>
        {
            using var check = await editorApi.GetAsync($"/api/articles/{articleId}");
            return System.Text.Json.JsonDocument.Parse(await check.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString();
        }, title => title == $"Second editor's title {tag}", TimeSpan.FromSeconds(10), "the second editor's save");
    }

    [Fact]
    public async Task An_admin_with_two_factor_creates_a_translator_who_can_then_sign_in()
    {
        var admin = await new SignIn(site.Platform).CreateUserAsync(["admin"]);
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.NewsroomUrl + "/admin/users");
        await page.FillAsync("input[name='Input.UserName']", admin.UserName);
        await page.FillAsync("input[name='Input.Password']", admin.Password);
        await page.ClickAsync("button[type=submit]");

        // Admins enrol an authenticator before their first session: the key from the page, a code from it.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/identity/Account/EnableAuthenticator"));
        var otpauth = await page.Locator("a[data-otpauth]").GetAttributeAsync("href");
        var secret = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(otpauth!).Query)["secret"].ToString();
        await page.FillAsync("input[name='Code']", new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp());
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(site.NewsroomUrl + "/admin/users");

        // A weak password: the identity service's policy answers next to the password field, and what was typed stays.
        var userName = $"tr{Guid.NewGuid():N}"[..14];
        await page.GetByTestId("new-user-name").FillAsync(userName);
        await page.GetByTestId("user-email").FillAsync($"{userName}@example.test");
        await page.GetByTestId("user-display-name").FillAsync("Aurélie the translator");
        await page.GetByTestId("user-password").FillAsync("short");
        await page.GetByTestId("role-translator").CheckAsync();
        await page.GetByTestId("create-user").ClickAsync();
        await Expect(page.GetByTestId("user-form").Locator(".field-error")).Not.ToHaveCountAsync(0);
        await Expect(page.GetByTestId("new-user-name")).ToHaveValueAsync(userName);
        await Expect(page.GetByTestId("role-translator")).ToBeCheckedAsync();

        var password = SignIn.NewPassword();
        await page.GetByTestId("user-password").FillAsync(password);
        await page.GetByTestId("create-user").ClickAsync();
        var row = page.Locator($"[data-testid=user][data-user='{userName}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("input[name=roles][value=translator]")).ToBeCheckedAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ImagePath("newsroom-users.png"), FullPage = true });

        await using var translatorContext = await site.NewContextAsync();
        var translator = await translatorContext.NewPageAsync();
        await translator.GotoAsync(site.NewsroomUrl + "/translations");
        await translator.FillAsync("input[name='Input.UserName']", userName);
        await translator.FillAsync("input[name='Input.Password']", password);
        await translator.ClickAsync("button[type=submit]");
        await Expect(translator).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/newsroom/translations"));
        await Expect(translator.GetByTestId("tasks")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task When_the_session_has_ended_the_user_signs_in_again_and_comes_back_to_the_same_page()
    {
        var user = await new SignIn(site.Platform).CreateUserAsync(["editor"]);
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var here = site.NewsroomUrl + "/stories?status=draft&section=politics";
        await page.GotoAsync(here);
        await page.FillAsync("input[name='Input.UserName']", user.UserName);
        await page.FillAsync("input[name='Input.Password']", user.Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(here);

        // The session ends (the console's cookie and the identity service's are gone, as when both expired).
        await context.ClearCookiesAsync();
        await page.GotoAsync(here);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/identity/Account/Login"));
        await page.FillAsync("input[name='Input.UserName']", user.UserName);
        await page.FillAsync("input[name='Input.Password']", user.Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(here);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var user = await new SignIn(site.Platform).CreateUserAsync(["editor"]);
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.NewsroomUrl + "/");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.FillAsync("input[name='Input.UserName']", user.UserName);
            await page.FillAsync("input[name='Input.Password']", "Wrong-password-42!");
            await page.ClickAsync("button[type=submit]");
        }

        // The right password no longer opens it.
        if (await page.Locator("input[name='Input.Password']").CountAsync() > 0)
        {
            await page.FillAsync("input[name='Input.UserName']", user.UserName);
            await page.FillAsync("input[name='Input.Password']", user.Password);
            await page.ClickAsync("button[type=submit]");
        }

        await Expect(page.Locator("body")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("locked", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        Assert.DoesNotMatch("^" + System.Text.RegularExpressions.Regex.Escape(site.NewsroomUrl), page.Url);
    }
}
