using System.IO;

namespace Seedance.Sandbox.Results
{
    /// <summary>The committed media files, embedded in the assembly: a 1 s MP4 and a PNG of its last frame.</summary>
    internal static class SandboxAssets
    {
        public static AssetBody Video { get; } = new(Load("sample.mp4"), "video/mp4");

        public static AssetBody LastFrame { get; } = new(Load("last-frame.png"), "image/png");

        private static byte[] Load(string name)
        {
            using var stream = typeof(SandboxAssets).Assembly.GetManifestResourceStream("Seedance.Sandbox.Assets." + name)
                ?? throw new FileNotFoundException("The sandbox asset is not embedded.", name);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
