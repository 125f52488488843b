namespace Seedance.Sandbox
{
    /// <summary>The endpoints a fault can be aimed at.</summary>
    public enum SandboxEndpoint
    {
        /// <summary><c>POST /api/v1/video/seedance2</c>.</summary>
        Submit,

        /// <summary><c>GET /api/v1/tasks/{id}</c>.</summary>
        Task,

        /// <summary>A result download (video or last frame).</summary>
        Download,

        /// <summary>Whichever of the above comes first.</summary>
        Any,
    }
}
