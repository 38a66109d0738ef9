using NewsPlatform.Np.Events;
using NewsPlatform.Np.Projections;
using NewsPlatform.Np.Reports;
using NewsPlatform.Np.Site;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NewsPlatform.Np;

/// <summary>The commands of <c>np</c>; tests build the same app with a console of their own and run it in-process.</summary>
public static class NpApp
{
    public static CommandApp Create(IAnsiConsole? console = null)
    {
        var app = new CommandApp(new Registrar(console ?? AnsiConsole.Console));
        app.Configure(config =>
        {
            config.SetApplicationName("np");
            if (console is not null) config.ConfigureConsole(console);
            config.AddBranch("events", events =>
            {
                events.SetDescription("The event history of a service.");
                events.AddCommand<ExportCommand>("export").WithDescription("Export a service's events to a Parquet or NDJSON file; resumes where a previous run stopped.")
                    .WithExample("events", "export", "--service", "articles", "--format", "parquet", "--out", "articles.parquet");
            });
            config.AddBranch("projections", projections =>
            {
                projections.SetDescription("The projections of every service.");
                projections.AddCommand<ProjectionStatusCommand>("status").WithDescription("Each projection's position, high-water mark and status.");
                projections.AddCommand<ProjectionRebuildCommand>("rebuild").WithDescription("Rebuild a projection from event 1 (admin).")
                    .WithExample("projections", "rebuild", "Article", "--service", "articles", "--wait");
            });
            config.AddCommand<ReportCommand>("report").WithDescription("A report computed from the event history alone (DuckDB over the exported Parquet).")
                .WithExample("report", "stories-per-section-per-day", "--from", "2026-11-01", "--to", "2026-12-01", "--chart", "stories.png");
            config.AddCommand<SiteCommand>("site").WithDescription("The home page's lists as they stood at a moment.")
                .WithExample("site", "--as-of", "2026-11-20T20:00+04:00");
        });
        return app;
    }

    /// <summary>The few services the commands take: the console, made once.</summary>
    private sealed class Registrar(IAnsiConsole console) : ITypeRegistrar, ITypeResolver
    {
        private readonly Dictionary<Type, Func<object>> _factories = new() { [typeof(IAnsiConsole)] = () => console };

        public void Register(Type service, Type implementation) => _factories[service] = () => Construct(implementation);
        public void RegisterInstance(Type service, object implementation) => _factories[service] = () => implementation;
        public void RegisterLazy(Type service, Func<object> factory) => _factories[service] = factory;
        public ITypeResolver Build() => this;

        public object? Resolve(Type? type)
        {
            if (type is null) return null;
            if (_factories.TryGetValue(type, out var factory)) return factory();
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                // Spectre asks for every registration of a type (help providers, interceptors): ours or none.
                var element = type.GetGenericArguments()[0];
                var all = Array.CreateInstance(element, _factories.ContainsKey(element) ? 1 : 0);
                if (all.Length == 1) all.SetValue(_factories[element](), 0);
                return all;
            }

            return type.IsInterface || type.IsAbstract ? null : Construct(type);
        }

        private object Construct(Type type)
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            return constructor.Invoke([.. constructor.GetParameters().Select(p => Resolve(p.ParameterType))]);
        }
    }
}
