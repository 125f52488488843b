# Loads the module through Seedance.Loader.dll, the only assembly in PowerShell's default context: on PowerShell 7 the
# cmdlets and their libraries live in the module's own AssemblyLoadContext, so other modules' versions of Polly.Core or
# Microsoft.Bcl.* never clash with ours. See about_Seedance (COMPATIBILITY).
if (-not ('Seedance.Loader.ModuleAssemblyLoader' -as [type])) {
    $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'Seedance.Loader.dll'))
}

$moduleAssembly = [Seedance.Loader.ModuleAssemblyLoader]::Load($PSScriptRoot)
$inner = Microsoft.PowerShell.Core\Import-Module -Assembly $moduleAssembly -PassThru

# An assembly imported before (another runspace, or Import-Module -Force) comes back from PowerShell's cache without its
# cmdlets exported to this module (PowerShell issue 20710): export them explicitly.
$addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod('AddExportedCmdlet', [System.Reflection.BindingFlags]'Instance, NonPublic')
foreach ($cmdlet in $inner.ExportedCmdlets.Values) {
    $addExportedCmdlet.Invoke($ExecutionContext.SessionState.Module, @(, $cmdlet))
}

# On PowerShell 7 the module's types live in its own load context, where scripts cannot find them by name: register
# their full names ([Seedance.SeedanceTask], [Seedance.Prompts.SeedancePrompt]...) as type accelerators.
if ($PSEdition -eq 'Core') {
    $accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($moduleAssembly)
    $client = $context.LoadFromAssemblyName(($moduleAssembly.GetReferencedAssemblies() | Where-Object Name -EQ 'Seedance.Client'))
    foreach ($type in @($moduleAssembly.GetExportedTypes()) + @($client.GetExportedTypes())) {
        $accelerators::Add($type.FullName, $type)
    }
}
