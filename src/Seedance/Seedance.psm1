# Seedance.Loader.dll, which the manifest's RequiredAssemblies loads before this script runs, is the only assembly of the
# module in PowerShell's default context: on PowerShell 7 the cmdlets and their libraries live in the module's own
# AssemblyLoadContext, so other modules' versions of Polly.Core or Microsoft.Bcl.* never clash with ours. See
# about_Seedance (COMPATIBILITY). Each reflective call from script costs the import milliseconds: there are two.

# Exports the cmdlets through this module and, on PowerShell 7, names the module's types ([Seedance.SeedanceTask]...).
[Seedance.Loader.ModuleExports]::Publish(
    (Microsoft.PowerShell.Core\Import-Module -Assembly ([Seedance.Loader.ModuleAssemblyLoader]::Load($PSScriptRoot)) -PassThru),
    $ExecutionContext.SessionState.Module)
