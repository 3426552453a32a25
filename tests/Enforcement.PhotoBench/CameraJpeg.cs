using SkiaSharp;

namespace Enforcement.PhotoBench;

/// <summary>A JPEG that compresses like a phone photo: smooth gradients and shapes under fine sensor-like noise
/// (pure noise would compress far worse than any photo, flat colour far better).</summary>
internal static class CameraJpeg
{
    public static byte[] Make(int width, int height, int seed)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var gradient = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                    [new SKColor(40, 60, (byte)(90 + (seed * 20))), new SKColor(200, 170, 120), new SKColor(70, 90, 60)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, gradient);
            var random = new Random(seed);
            using var shape = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 400; i++)
            {
                shape.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(60, 200));
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(10, width / 8), shape);
            }
        }

        AddNoise(bitmap, seed);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }

    private static void AddNoise(SKBitmap bitmap, int seed)
    {
        var pixels = bitmap.GetPixelSpan();
        var random = new Random(seed);
        var noise = new byte[4096];
        random.NextBytes(noise);
        var copy = pixels.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if ((i & 3) != 3)
            {
                copy[i] = (byte)Math.Clamp(copy[i] + ((noise[(i * 7 + (i >> 12)) & 4095] % 25) - 12), 0, 255);
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(copy, 0, bitmap.GetPixels(), copy.Length);
    }
}
