using System.IO;

namespace Seedance.Downloads
{
    /// <summary>
    /// Where a download lands before it is known to be complete: <c>.&lt;name&gt;.partial</c> beside the final file, in
    /// the same folder so the final rename is atomic. Only a verified file is ever renamed to the final name.
    /// </summary>
    internal static class PartialFile
    {
        public static string For(string finalPath)
        {
            var folder = Path.GetDirectoryName(finalPath) ?? string.Empty;
            return Path.Combine(folder, "." + Path.GetFileName(finalPath) + ".partial");
        }

        public static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

        /// <summary>Moves the verified partial file to its final name, replacing an older file there.</summary>
        public static void Promote(string partialPath, string finalPath)
        {
            if (File.Exists(finalPath))
            {
                File.Replace(partialPath, finalPath, null);
            }
            else
            {
                File.Move(partialPath, finalPath);
            }
        }
    }
}
