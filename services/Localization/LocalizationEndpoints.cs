using NewsPlatform.Localization.Strings;
using NewsPlatform.Localization.Tasks;
using NewsPlatform.Localization.Terms;
using NewsPlatform.Localization.Translations;
using NewsPlatform.Platform.Auth;
using NewsPlatform.Platform.Http;

namespace NewsPlatform.Localization;

/// <summary>Every route of the localization service (CONTRACT.md, Localization).</summary>
public static class LocalizationEndpoints
{
    public static IEndpointRouteBuilder MapLocalizationEndpoints(this IEndpointRouteBuilder app)
    {
        var localization = app.MapGroup("/api/localization");

        var articles = localization.MapGroup("articles/{articleId:guid}");
        articles.MapGet("", TranslationEndpoints.Group).AllowAnonymous(); // readers: published languages only
        articles.MapGet("translations/{lang}", TranslationEndpoints.Get).RequireAnyRole(Roles.Translator, Roles.Editor);
        articles.MapPut("translations/{lang}", TranslationEndpoints.Save).RequireAnyRole(Roles.Translator);
        articles.MapPost("translations/{lang}/submit", TranslationEndpoints.Submit).RequireAnyRole(Roles.Translator);
        articles.MapPost("translations/{lang}/approve", TranslationEndpoints.Approve).RequireAnyRole(Roles.Editor);
        articles.MapPost("translations/{lang}/unpublish", TranslationEndpoints.Unpublish).RequireAnyRole(Roles.Editor);

        localization.MapGet("tasks", TaskEndpoints.List).RequireAnyRole(Roles.Translator); // CONTRACT.md: the translators' work list
        localization.MapGet("status", TaskEndpoints.Status).RequireAnyRole(Roles.Translator, Roles.Editor);

        localization.MapGet("strings/{lang}", StringEndpoints.Get).AllowAnonymous();
        localization.MapPut("strings/{lang}/{key}", StringEndpoints.Put).RequireAnyRole(Roles.Translator);

        localization.MapGet("terms/{lang}", TermEndpoints.All).WithContentETag().AllowAnonymous();
        localization.MapGet("terms/{lang}/{kind}/{key}", TermEndpoints.One).RequireAnyRole(Roles.Translator, Roles.Editor); // one term with its ETag, before a PUT
        localization.MapPut("terms/{lang}/{kind}/{key}", TermEndpoints.Put).RequireAnyRole(Roles.Translator);
        return app;
    }
}
