namespace Seedance.Sandbox.Api
{
    /// <summary>The file names of a task's results under <c>/results/{id}/</c>.</summary>
    internal static class ResultFiles
    {
        public const string Video = "video.mp4";
        public const string LastFrame = "last-frame.png";
    }
}
