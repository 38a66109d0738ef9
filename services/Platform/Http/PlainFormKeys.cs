using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;

namespace NewsPlatform.Platform.Http;

/// <summary>
/// Form and query keys are read as they are written (<c>Form.Summary</c>, <c>roles</c>), never as jQuery's nested
/// syntax (<c>a[b]</c>): MVC's jQuery value providers throw on a key with an unclosed bracket, which made any form
/// post with such a key a 500 (a hostile-input run found it on the site's comment route). No form of ours uses that
/// syntax; MVC's own <c>Items[0].Name</c> keys are read by the plain providers.
/// </summary>
public static class PlainFormKeys
{
    /// <summary>After MVC's own setup, which adds the factories (AddRazorPages may come after this call).</summary>
    public static IServiceCollection AddPlainFormKeys(this IServiceCollection services) =>
        services.PostConfigure<MvcOptions>(options =>
        {
            options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            options.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
        });
}
