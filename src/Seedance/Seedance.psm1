# Loads the module through Seedance.Loader.dll, the only assembly in PowerShell's default context: on PowerShell 7 the
# cmdlets and their libraries live in the module's own AssemblyLoadContext, so other modules' versions of Polly.Core or
# Microsoft.Bcl.* never clash with ours. See about_Seedance (COMPATIBILITY).
if (-not ('Seedance.Loader.ModuleAssemblyLoader' -as [type])) {
    $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'Seedance.Loader.dll'))
}

# Exports the cmdlets through this module and, on PowerShell 7, names the module's types ([Seedance.SeedanceTask]...).
[Seedance.Loader.ModuleExports]::Publish(
    (Microsoft.PowerShell.Core\Import-Module -Assembly ([Seedance.Loader.ModuleAssemblyLoader]::Load($PSScriptRoot)) -PassThru),
    $ExecutionContext.SessionState.Module)
