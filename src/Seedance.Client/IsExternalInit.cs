namespace System.Runtime.CompilerServices
{
    /// <summary>What the compiler needs for records and init accessors; .NET 5 and later ship it, netstandard2.0 does not.</summary>
    internal static class IsExternalInit
    {
    }
}
