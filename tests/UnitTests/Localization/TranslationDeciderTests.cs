using NewsPlatform.Localization.Tasks;
using NewsPlatform.Localization.Translations;
using NewsPlatform.Platform.Domain;

namespace NewsPlatform.UnitTests.Localization;

/// <summary>Given the group's events, when a command arrives, then these events (or nothing, or a refusal).</summary>
public sealed class TranslationDeciderTests
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static TranslationGroupOpened Opened(long version = 2) =>
        new(Id, "en", version, "Budget day", "budget-day", Now.AddHours(-1), ["fr"], Now.AddHours(-1));

    private static TranslationDraftSaved Saved(long sourceVersion = 2, string title = "Jour du budget") =>
        new(Id, "fr", title, "Résumé", "<p>Texte</p>", "jour-du-budget", sourceVersion, "tina", Now.AddMinutes(-30));

    private static TranslationSubmitted Submitted() => new(Id, "fr", "tina", Now.AddMinutes(-20));

    private static TranslationApproved Approved(long sourceVersion = 2) =>
        new(Id, "fr", "Jour du budget", "Résumé", "<p>Texte</p>", "jour-du-budget", sourceVersion, "eddie", Now.AddMinutes(-10));

    private static TranslationGroup Given(params object[] events) =>
        events.Aggregate((TranslationGroup?)null, (state, e) => TranslationGroup.Transition(state, e)) ?? throw new InvalidOperationException();

    private static T Single<T>(Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection);
        return Assert.IsType<T>(Assert.Single(decision.Events));
    }

    private static LanguageState French(TranslationGroup group) => group.Language("fr")!;

    [Fact]
    public void A_first_publication_opens_a_group_with_every_other_site_language_untranslated()
    {
        var opened = Single<TranslationGroupOpened>(TranslationDecider.Decide(null,
            new OpenGroup(Id, "fr", 2, "Élections", "elections", Now, ["en", "fr", "mfe"], Now)));

        Assert.Equal(["en", "mfe"], opened.Targets);
        Assert.All(Given(opened).Languages, l => Assert.Equal(TranslationStatus.Untranslated, l.Status));
    }

    [Fact]
    public void A_repeated_or_older_publication_changes_nothing() =>
        Assert.Empty(TranslationDecider.Decide(Given(Opened(version: 5)), new OpenGroup(Id, "en", 5, "t", "s", Now, ["en", "fr"], Now)).Events);

    [Fact]
    public void Drafting_then_submitting_then_approving_publishes_the_draft_text()
    {
        var submitted = Single<TranslationSubmitted>(TranslationDecider.Decide(Given(Opened(), Saved()), new SubmitTranslation(Id, "fr", "tina", Now)));
        var approved = Single<TranslationApproved>(TranslationDecider.Decide(Given(Opened(), Saved(), submitted),
            new ApproveTranslation(Id, "fr", "eddie", Now)));

        Assert.Equal(("Jour du budget", "<p>Texte</p>", "jour-du-budget", 2L), (approved.Title, approved.Body, approved.Slug, approved.SourceVersion));
        var french = French(Given(Opened(), Saved(), submitted, approved));
        Assert.Equal(TranslationStatus.Published, french.Status);
        Assert.True(french.IsPublished);
    }

    [Fact]
    public void Only_a_translation_in_review_is_approved_and_only_a_draft_is_submitted()
    {
        Assert.True(TranslationDecider.Decide(Given(Opened(), Saved()), new ApproveTranslation(Id, "fr", "eddie", Now)).IsRejected);
        Assert.True(TranslationDecider.Decide(Given(Opened()), new SubmitTranslation(Id, "fr", "tina", Now)).IsRejected);
        Assert.Empty(TranslationDecider.Decide(Given(Opened(), Saved(), Submitted()), new SubmitTranslation(Id, "fr", "tina", Now)).Events);
        Assert.True(TranslationDecider.Decide(Given(Opened()), new SaveDraft(Id, "de", "t", "s", "b", "t", "tina", Now)).IsRejected);
    }

    [Fact]
    public void Saving_the_same_text_again_changes_nothing() =>
        Assert.Empty(TranslationDecider.Decide(Given(Opened(), Saved()),
            new SaveDraft(Id, "fr", "Jour du budget", "Résumé", "<p>Texte</p>", "jour-du-budget", "tina", Now)).Events);

    [Fact]
    public void A_text_revision_makes_every_translation_stale_keeps_the_published_one_and_says_what_changed_since_when()
    {
        var group = Given(Opened(), Saved(), Submitted(), Approved());

        var revised = Single<SourceRevised>(TranslationDecider.Decide(group, new ReviseSource(Id, 4, ["summary", "tags", "title"], Now)));

        Assert.True(revised.MarksStale);
        Assert.Equal((2L, 4L), (revised.FromVersion, revised.ToVersion));
        var after = Given(Opened(), Saved(), Submitted(), Approved(), revised);
        var french = French(after);
        Assert.Equal(TranslationStatus.Stale, french.Status);
        Assert.True(french.IsPublished);
        Assert.Equal(["summary", "title"], french.StaleFields);
        Assert.Equal(2, french.StaleSince);
        Assert.Equal(4, after.SourceVersion);
    }

    [Fact]
    public void A_change_of_tags_or_section_alone_does_not_make_a_translation_stale()
    {
        var revised = Single<SourceRevised>(TranslationDecider.Decide(Given(Opened(), Saved()), new ReviseSource(Id, 3, ["tags", "section"], Now)));

        Assert.False(revised.MarksStale);
        Assert.Equal(TranslationStatus.Draft, French(Given(Opened(), Saved(), revised)).Status);
    }

    [Fact]
    public void Staleness_adds_up_over_revisions_and_remembers_the_first_version()
    {
        var first = new SourceRevised(Id, 2, 4, ["title"], true, ["fr"], Now);
        var second = new SourceRevised(Id, 4, 6, ["body"], true, ["fr"], Now);

        var french = French(Given(Opened(), Saved(), first, second));

        Assert.Equal(["body", "title"], french.StaleFields);
        Assert.Equal(2, french.StaleSince);
    }

    [Fact]
    public void An_untranslated_language_is_not_stale_and_a_new_draft_clears_staleness()
    {
        var revised = new SourceRevised(Id, 2, 4, ["title"], true, ["fr"], Now);
        Assert.Equal(TranslationStatus.Untranslated, French(Given(Opened(), revised)).Status);

        var redrafted = Single<TranslationDraftSaved>(TranslationDecider.Decide(Given(Opened(), Saved(), revised),
            new SaveDraft(Id, "fr", "Jour du budget (révisé)", "Résumé", "<p>Texte</p>", "jour-du-budget-revise", "tina", Now)));

        Assert.Equal(4, redrafted.SourceVersion);
        var french = French(Given(Opened(), Saved(), revised, redrafted));
        Assert.Equal(TranslationStatus.Draft, french.Status);
        Assert.Empty(french.StaleFields);
        Assert.Null(french.StaleSince);
    }

    [Fact]
    public void A_stale_translation_must_be_saved_again_before_review() =>
        Assert.True(TranslationDecider.Decide(Given(Opened(), Saved(), new SourceRevised(Id, 2, 4, ["body"], true, ["fr"], Now)),
            new SubmitTranslation(Id, "fr", "tina", Now)).IsRejected);

    [Fact]
    public void Withdrawing_the_source_unpublishes_every_published_translation()
    {
        var decision = TranslationDecider.Decide(Given(Opened(), Saved(), Submitted(), Approved()), new WithdrawSource(Id, 5, "legal", Now));

        Assert.IsType<SourceWithdrawn>(decision.Events[0]);
        var unpublished = Assert.IsType<TranslationUnpublished>(Assert.Single(decision.Events.Skip(1)));
        Assert.Equal("fr", unpublished.Lang);
        var after = Given([Opened(), Saved(), Submitted(), Approved(), .. decision.Events]);
        Assert.False(after.SourceLive);
        Assert.False(French(after).IsPublished);
    }

    [Fact]
    public void A_republished_source_does_not_bring_its_translations_back()
    {
        var withdrawn = TranslationDecider.Decide(Given(Opened(), Saved(), Submitted(), Approved()), new WithdrawSource(Id, 5, "legal", Now)).Events;
        var group = Given([Opened(), Saved(), Submitted(), Approved(), .. withdrawn]);

        var republished = Single<SourceRepublished>(TranslationDecider.Decide(group, new OpenGroup(Id, "en", 6, "Budget day", "budget-day", Now, ["en", "fr"], Now)));

        var after = Given([Opened(), Saved(), Submitted(), Approved(), .. withdrawn, republished]);
        Assert.True(after.SourceLive);
        Assert.False(French(after).IsPublished);
        Assert.Equal(TranslationStatus.Draft, French(after).Status);
    }

    [Fact]
    public void Nothing_is_approved_while_the_source_is_withdrawn()
    {
        var group = Given(Opened(), Saved(), Submitted(), new SourceWithdrawn(Id, 5, "legal", ["fr"], Now));

        Assert.True(TranslationDecider.Decide(group, new ApproveTranslation(Id, "fr", "eddie", Now)).IsRejected);
    }

    [Fact]
    public void A_withdrawal_that_overtakes_the_publication_keeps_the_late_publication_out()
    {
        var decision = TranslationDecider.Decide(null, new WithdrawSource(Id, 3, "retracted", Now));
        var group = Given([.. decision.Events]);

        Assert.False(group.IsKnown);
        Assert.Empty(TranslationDecider.Decide(group, new OpenGroup(Id, "en", 2, "t", "s", Now, ["en", "fr"], Now)).Events);
    }

    [Fact]
    public void Older_or_repeated_source_events_change_nothing()
    {
        var group = Given(Opened(version: 4));

        Assert.Empty(TranslationDecider.Decide(group, new ReviseSource(Id, 4, ["title"], Now)).Events);
        Assert.Empty(TranslationDecider.Decide(group, new WithdrawSource(Id, 3, "legal", Now)).Events);
    }

    [Fact]
    public void A_new_source_slug_is_followed_once()
    {
        var renamed = Single<SourceSlugChanged>(TranslationDecider.Decide(Given(Opened()), new RenameSource(Id, "budget-day-2", 3, Now)));

        var group = Given(Opened(), renamed);
        Assert.Equal("budget-day-2", group.SourceSlug);
        Assert.Empty(TranslationDecider.Decide(group, new RenameSource(Id, "budget-day-2", 3, Now)).Events);
        // The revision that came with the new slug (version 2 → 3 before it) still makes translations stale.
        Assert.True(Single<SourceRevised>(TranslationDecider.Decide(Given(Opened(), Saved(), renamed), new ReviseSource(Id, 3, ["title"], Now))).MarksStale);
    }

    [Fact]
    public void Unpublishing_needs_a_published_translation_and_leaves_a_draft()
    {
        Assert.True(TranslationDecider.Decide(Given(Opened(), Saved()), new UnpublishTranslation(Id, "fr", "why", "eddie", Now)).IsRejected);

        var unpublished = Single<TranslationUnpublished>(TranslationDecider.Decide(Given(Opened(), Saved(), Submitted(), Approved()),
            new UnpublishTranslation(Id, "fr", "quality", "eddie", Now)));
        var french = French(Given(Opened(), Saved(), Submitted(), Approved(), unpublished));
        Assert.Equal(TranslationStatus.Draft, french.Status);
        Assert.False(french.IsPublished);
    }

    [Fact]
    public void The_task_of_a_language_follows_the_group_and_puts_untranslated_and_stale_work_first()
    {
        var projection = new TranslationTaskProjection();
        var key = TranslationTask.Key(Id, "fr");
        TranslationTask? task = null;
        foreach (var e in new object[] { Opened(), Saved(), new SourceRevised(Id, 2, 4, ["body"], true, ["fr"], Now) })
        {
            task = projection.Evolve(task, key, new JasperFx.Events.Event<object>(e) { Version = 1 });
            if (e is TranslationDraftSaved) Assert.Equal(1, task!.Priority);
        }

        Assert.Equal((TranslationStatus.Stale, 0, 4L), (task!.Status, task.Priority, task.SourceVersion));
    }
}
