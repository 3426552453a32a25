using System.Globalization;
using System.Xml.Linq;
using SkiaSharp;

namespace Enforcement.Functions.Statistics;

/// <summary>
/// The PNG of a chart: draws the very SVG <see cref="StatisticsCharts"/> wrote (its few shapes: rect, line, polyline,
/// circle, text) onto a Skia canvas of the same size, so the picture and its numbers cannot drift from the SVG. Why
/// not a general SVG renderer: the charts use nothing else. Limitation: the Linux Skia build carries no fonts and
/// loads none from the system, so on a host without fonts the labels are left out of the PNG (bars, lines and points
/// are drawn); the SVG, which keeps every label and figure, is the reference.
/// </summary>
internal static class StatisticsChartPng
{
    public static byte[] Render(string svg)
    {
        var root = XElement.Parse(svg);
        var width = (int)Number(root, "width");
        var height = (int)Number(root, "height");
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("No Skia surface for the chart.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.Default;
        foreach (var element in root.Descendants())
        {
            Draw(canvas, typeface, element, Number(root, "font-size"));
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void Draw(SKCanvas canvas, SKTypeface typeface, XElement element, float defaultFontSize)
    {
        using var paint = new SKPaint { IsAntialias = true };
        switch (element.Name.LocalName)
        {
            case "rect":
                paint.Color = Colour(element, "fill", SKColors.Black);
                canvas.DrawRect(Number(element, "x"), Number(element, "y"), Number(element, "width"), Number(element, "height"), paint);
                break;
            case "line":
                (paint.Color, paint.Style) = (Colour(element, "stroke", SKColors.Black), SKPaintStyle.Stroke);
                canvas.DrawLine(Number(element, "x1"), Number(element, "y1"), Number(element, "x2"), Number(element, "y2"), paint);
                break;
            case "polyline":
                (paint.Color, paint.Style, paint.StrokeWidth) = (Colour(element, "stroke", SKColors.Black), SKPaintStyle.Stroke, Number(element, "stroke-width", 1));
                var points = ((string?)element.Attribute("points") ?? string.Empty)
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Split(','))
                    .Select(p => new SKPoint(float.Parse(p[0], CultureInfo.InvariantCulture), float.Parse(p[1], CultureInfo.InvariantCulture)))
                    .ToArray();
                if (points.Length > 1)
                {
                    canvas.DrawPoints(SKPointMode.Polygon, points, paint);
                }

                break;
            case "circle":
                paint.Color = Colour(element, "fill", SKColors.Black);
                canvas.DrawCircle(Number(element, "cx"), Number(element, "cy"), Number(element, "r"), paint);
                break;
            case "text":
                paint.Color = Colour(element, "fill", SKColors.Black);
                using (var font = new SKFont(typeface, Number(element, "font-size", defaultFontSize)))
                {
                    var align = (string?)element.Attribute("text-anchor") switch { "end" => SKTextAlign.Right, "middle" => SKTextAlign.Center, _ => SKTextAlign.Left };
                    canvas.DrawText(element.Value, Number(element, "x"), Number(element, "y"), align, font, paint);
                }

                break;
        }
    }

    private static float Number(XElement element, string name, float fallback = 0) =>
        element.Attribute(name) is { } attribute ? float.Parse(attribute.Value, CultureInfo.InvariantCulture) : fallback;

    private static SKColor Colour(XElement element, string name, SKColor fallback) =>
        element.Attribute(name) is { } attribute && SKColor.TryParse(attribute.Value, out var colour) ? colour : fallback;
}
