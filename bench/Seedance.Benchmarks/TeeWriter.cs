using System.IO;
using System.Text;

namespace Seedance.Benchmarks
{
    /// <summary>Writes to the console and keeps a copy, so what is printed is also what goes into docs/performance.md.</summary>
    internal sealed class TeeWriter : TextWriter
    {
        private readonly TextWriter _console;
        private readonly StringBuilder _copy = new();

        public TeeWriter(TextWriter console) => _console = console;

        public override Encoding Encoding => _console.Encoding;

        public string Text => _copy.ToString();

        public override void Write(char value)
        {
            _console.Write(value);
            _copy.Append(value);
        }

        public override void Write(string? value)
        {
            _console.Write(value);
            _copy.Append(value);
        }

        public override void Flush() => _console.Flush();
    }
}
