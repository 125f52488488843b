using System.IO;
using System.Net.Http.Headers;
using System.Text;

namespace Seedance.Client.Downloads
{
    /// <summary>
    /// Where a download lands before it is known to be complete: <c>.&lt;name&gt;.partial</c> beside the final file, in
    /// the same folder so the final rename is atomic. Only a verified file is ever renamed to the final name. Beside it,
    /// <c>.&lt;name&gt;.partial.etag</c> keeps the server's strong ETag of those bytes, so that a later process resumes
    /// with <c>If-Range</c> too and never appends bytes of a changed file to old ones. Neither is ever written through a
    /// link: a link there is refused, and fresh files are created with <c>CreateNew</c>, which never follows one.
    /// </summary>
    internal static class PartialFile
    {
        public static string For(string finalPath)
        {
            var folder = Path.GetDirectoryName(finalPath) ?? string.Empty;
            return Path.Combine(folder, "." + Path.GetFileName(finalPath) + ".partial");
        }

        /// <summary>True when anything is at <paramref name="path"/>: a file, a folder, or a link (even a dangling one).</summary>
        public static bool Occupied(string path) => File.Exists(path) || Directory.Exists(path) || IsLink(path);

        /// <summary>True when <paramref name="path"/> is a symbolic link (or another reparse point), dangling or not.</summary>
        public static bool IsLink(string path)
        {
            try
            {
                return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <summary>Refuses a partial file or ETag file that is a link: writing there would write to the link's target.</summary>
        public static void RefuseLinks(string partialPath)
        {
            foreach (var path in new[] { partialPath, ETagPath(partialPath) })
            {
                if (IsLink(path))
                {
                    throw new SeedanceException(
                        SeedanceErrorCodes.PathNotUsable,
                        $"'{path}' is a link; Seedance never writes a download through a link. Remove it and try again.");
                }
            }
        }

        public static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

        /// <summary>Opens the partial file: appended to, or made anew (never through a link).</summary>
        public static FileStream Open(string partialPath, bool append, int bufferSize)
        {
            RefuseLinks(partialPath);
            if (append)
            {
                return new FileStream(partialPath, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize, useAsync: true);
            }

            File.Delete(partialPath);
            return new FileStream(partialPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize, useAsync: true);
        }

        /// <summary>The strong ETag recorded for the bytes in <paramref name="partialPath"/>, or null.</summary>
        public static EntityTagHeaderValue? ReadETag(string partialPath) =>
            File.Exists(ETagPath(partialPath)) && EntityTagHeaderValue.TryParse(File.ReadAllText(ETagPath(partialPath)).Trim(), out var etag) && !etag.IsWeak
                ? etag
                : null;

        /// <summary>Records the ETag of the bytes a fresh transfer is writing; a weak or missing one records nothing.</summary>
        public static void WriteETag(string partialPath, EntityTagHeaderValue? etag)
        {
            RefuseLinks(partialPath);
            File.Delete(ETagPath(partialPath));
            if (etag is { IsWeak: false })
            {
                var bytes = Encoding.UTF8.GetBytes(etag.Tag);
                using var file = new FileStream(ETagPath(partialPath), FileMode.CreateNew, FileAccess.Write, FileShare.None);
                file.Write(bytes, 0, bytes.Length);
            }
        }

        /// <summary>Throws the partial bytes away, with their ETag.</summary>
        public static void Discard(string partialPath)
        {
            File.Delete(partialPath);
            File.Delete(ETagPath(partialPath));
        }

        /// <summary>
        /// Moves the verified partial file to its final name. An older file there is replaced atomically; a link there
        /// (only with -Force) is replaced itself, never written through.
        /// </summary>
        public static void Promote(string partialPath, string finalPath)
        {
            if (IsLink(finalPath))
            {
                File.Delete(finalPath);
            }

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
