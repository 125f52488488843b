using System;
using System.Management.Automation.Host;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>A console window of a fixed width for <see cref="RecordingHost"/>.</summary>
    public sealed class RecordingRawUserInterface : PSHostRawUserInterface
    {
        public RecordingRawUserInterface(int width)
        {
            BufferSize = new Size(width, 3000);
            WindowSize = new Size(width, 50);
        }

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get; set; }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; } = 1;
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => WindowSize;
        public override Size MaxWindowSize => WindowSize;
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; }
        public override string WindowTitle { get; set; } = "RecordingHost";

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("The recording host reads no input.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
        {
        }

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
        {
        }

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
        {
        }
    }
}
