using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using NewsPlatform.Np.Connection;
using NewsPlatform.Np.Events;

namespace NewsPlatform.Np.Reports;

/// <summary>A report's SQL (a file in Reports/ beside the tool), the services whose history it reads and how to chart it.</summary>
public sealed partial record ReportDefinition(string Name, string Sql, IReadOnlyList<string> Services, ChartSpec? Chart)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Reports");

    public static IReadOnlyList<string> Names() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.sql").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    public static ReportDefinition Load(string name)
    {
        var file = Path.Combine(Directory, $"{name}.sql");
        if (!NamePattern().IsMatch(name) || !File.Exists(file))
        {
            throw new NpException($"No report is named {name}: {string.Join(", ", Names())}.");
        }

        var sql = File.ReadAllText(file);
        var services = ServicesLine().Match(sql) is { Success: true } s
            ? s.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        return new ReportDefinition(name, sql, services, ChartSpec.Parse(sql));
    }

    [GeneratedRegex("^[a-z0-9-]{1,80}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^-- services:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex ServicesLine();
}

/// <summary>How a report's rows become a chart: <c>-- chart: bar|line x=COLUMN [series=COLUMN] y=COLUMN</c>.</summary>
public sealed partial record ChartSpec(string Kind, string X, string? Series, string Y)
{
    public static ChartSpec? Parse(string sql)
    {
        var line = ChartLine().Match(sql);
        if (!line.Success) return null;
        var parts = line.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return new ChartSpec(line.Groups[1].Value, parts["x"], parts.GetValueOrDefault("series"), parts["y"]);
    }

    [GeneratedRegex(@"^-- chart:\s*(bar|line)\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex ChartLine();
}

/// <summary>A report's answer: its columns and rows, as DuckDB gave them.</summary>
public sealed record ReportResult(ReportDefinition Report, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    public int Column(string name) => Columns.ToList().IndexOf(name) is >= 0 and var i ? i : throw new NpException($"The report has no column {name}.");
}

/// <summary>
/// Runs a report in an in-memory DuckDB over the exported Parquet of each service it reads (<c>{data}/{service}/part-*.parquet</c>,
/// what <see cref="EventExporter.ExportPartsAsync"/> leaves), with the range and the site's time zone as DuckDB variables.
/// </summary>
public static class ReportRunner
{
    public const string DefaultTimeZone = "Indian/Mauritius";

    public static ReportResult Run(ReportDefinition report, string dataDirectory, DateTimeOffset from, DateTimeOffset to, string timeZone)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "set TimeZone = 'UTC'");
        foreach (var service in report.Services)
        {
            var parts = EventExporter.PartFiles(Path.Combine(dataDirectory, service));
            Execute(connection, parts.Count == 0
                ? $"""
                  create view {service} as select * from (values (0::bigint, ''::varchar, 0::bigint, ''::varchar, now()::timestamptz,
                  ''::varchar, null::varchar, null::varchar)) t("sequence", streamId, "version", "type", "at", "data", correlationId, causationId) where false
                  """
                : $"create view {service} as select * from read_parquet([{string.Join(", ", parts.Select(Literal))}])");
        }

        Execute(connection, $"set variable report_from = {Instant(from)}");
        Execute(connection, $"set variable report_to = {Instant(to)}");
        Execute(connection, $"set variable site_time_zone = {Literal(timeZone)}");

        using var command = connection.CreateCommand();
        command.CommandText = report.Sql;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return new ReportResult(report, columns, rows);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Literal(string text) => $"'{text.Replace("'", "''")}'";

    private static string Instant(DateTimeOffset at) =>
        $"timestamptz '{at.ToUniversalTime():yyyy-MM-dd HH:mm:ss.ffffff}+00'";

    /// <summary>A value as the report's table shows it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        float f => f.ToString("0.##", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A numeric value as a double (DuckDB answers counts as long, rounded values as double or decimal).</summary>
    public static double Number(object? value) => value switch
    {
        null => 0,
        IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
        System.Numerics.BigInteger b => (double)b,
        _ => double.Parse(value.ToString()!, CultureInfo.InvariantCulture),
    };
}
