using ScottPlot;

namespace NewsPlatform.Np.Reports;

/// <summary>Draws a report as its SQL file says (<see cref="ChartSpec"/>) into a PNG with ScottPlot.</summary>
public static class ReportChart
{
    public static void Save(ReportResult result, string path, int width = 1200, int height = 600)
    {
        var spec = result.Report.Chart ?? throw new Connection.NpException($"The report {result.Report.Name} has no chart.");
        var x = result.Column(spec.X);
        var y = result.Column(spec.Y);
        var series = spec.Series is null ? -1 : result.Column(spec.Series);
        var categories = result.Rows.Select(r => ReportRunner.Format(r[x])).Distinct().ToList();
        var groups = result.Rows.GroupBy(r => series < 0 ? spec.Y : ReportRunner.Format(r[series])).ToList();

        var plot = new Plot();
        plot.Title($"{result.Report.Name}");
        plot.YLabel(spec.Y.Replace('_', ' '));
        var width1 = 0.8 / Math.Max(1, groups.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var values = new double[categories.Count];
            foreach (var row in groups[g]) values[categories.IndexOf(ReportRunner.Format(row[x]))] += ReportRunner.Number(row[y]);
            if (spec.Kind == "line")
            {
                var line = plot.Add.Scatter(Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray(), values);
                line.LegendText = groups[g].Key;
            }
            else
            {
                var bars = plot.Add.Bars(Enumerable.Range(0, categories.Count).Select(i => i - 0.4 + width1 * (g + 0.5)).ToArray(), values);
                foreach (var bar in bars.Bars) bar.Size = width1 * 0.95;
                bars.LegendText = groups[g].Key;
            }
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, categories.Count).Select(i => (double)i)], [.. categories]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = categories.Count > 8 ? 45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = categories.Count > 8 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Axes.Margins(bottom: 0);
        if (groups.Count > 1) plot.ShowLegend(Edge.Right); // beside the plot, never over the bars
        plot.SavePng(path, width, height);
    }
}
