using System.IO;
using System.Net.Http.Headers;

namespace Seedance.Downloads
{
    /// <summary>
    /// Where a download lands before it is known to be complete: <c>.&lt;name&gt;.partial</c> beside the final file, in
    /// the same folder so the final rename is atomic. Only a verified file is ever renamed to the final name. Beside it,
    /// <c>.&lt;name&gt;.partial.etag</c> keeps the server's strong ETag of those bytes, so that a later process resumes
    /// with <c>If-Range</c> too and never appends bytes of a changed file to old ones.
    /// </summary>
    internal static class PartialFile
    {
        public static string For(string finalPath)
        {
            var folder = Path.GetDirectoryName(finalPath) ?? string.Empty;
            return Path.Combine(folder, "." + Path.GetFileName(finalPath) + ".partial");
        }

        public static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

        /// <summary>The strong ETag recorded for the bytes in <paramref name="partialPath"/>, or null.</summary>
        public static EntityTagHeaderValue? ReadETag(string partialPath) =>
            File.Exists(ETagPath(partialPath)) && EntityTagHeaderValue.TryParse(File.ReadAllText(ETagPath(partialPath)).Trim(), out var etag) && !etag.IsWeak
                ? etag
                : null;

        /// <summary>Records the ETag of the bytes a fresh transfer is writing; a weak or missing one records nothing.</summary>
        public static void WriteETag(string partialPath, EntityTagHeaderValue? etag)
        {
            if (etag is { IsWeak: false })
            {
                File.WriteAllText(ETagPath(partialPath), etag.Tag);
            }
            else
            {
                File.Delete(ETagPath(partialPath));
            }
        }

        /// <summary>Throws the partial bytes away, with their ETag.</summary>
        public static void Discard(string partialPath)
        {
            File.Delete(partialPath);
            File.Delete(ETagPath(partialPath));
        }

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

            File.Delete(ETagPath(partialPath));
        }

        private static string ETagPath(string partialPath) => partialPath + ".etag";
    }
}
