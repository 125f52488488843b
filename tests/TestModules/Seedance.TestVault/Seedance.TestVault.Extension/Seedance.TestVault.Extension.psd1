@{
    ModuleVersion     = '1.0.0'
    GUID              = '9d6f0e43-51a4-4a0b-8d2e-3c7b5e0a9f18'
    RootModule        = 'Seedance.TestVault.Extension.psm1'
    PowerShellVersion = '5.1'
    FunctionsToExport = @('Get-Secret', 'Get-SecretInfo', 'Set-Secret', 'Remove-Secret', 'Test-SecretVault')
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
