namespace Seedance.Tests.LeakCheck
{
    /// <summary>Where a leak scenario's key comes from before its script runs.</summary>
    public enum LeakKeySource
    {
        /// <summary>The script passes <c>-ApiKey $Key</c> itself.</summary>
        Parameter,

        /// <summary>Set-SeedanceApiKey -SessionOnly runs first.</summary>
        Session,

        /// <summary>SEEDANCE_API_KEY holds the key.</summary>
        Environment,

        /// <summary>Set-SeedanceApiKey stores it in the test vault first.</summary>
        Vault,
    }
}
