# A SecretManagement extension vault for the tests, used with the real Microsoft.PowerShell.SecretManagement when the
# real SecretStore is not set up: secrets are files in the folder given as VaultParameters @{ Path = '...' }, a
# throwaway folder of the suite's own. Test keys only: the files are plain text.
@{
    ModuleVersion     = '1.0.0'
    GUID              = '2b0c5f5e-8c2a-4f4e-9a43-6a3f0f1c7d21'
    Author            = 'Seedance contributors'
    Description       = 'File-backed SecretManagement extension vault for the Seedance tests.'
    PowerShellVersion = '5.1'
    NestedModules     = @('./Seedance.TestVault.Extension/Seedance.TestVault.Extension.psd1')
    FunctionsToExport = @()
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
