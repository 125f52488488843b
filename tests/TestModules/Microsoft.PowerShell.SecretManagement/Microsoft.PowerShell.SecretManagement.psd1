@{
    # A stand-in for Microsoft.PowerShell.SecretManagement, for tests only: the same cmdlet names and parameters,
    # secrets kept in memory for the whole process (so two sessions in one process share them), and switches to
    # make a vault behave like a locked SecretStore. Never ship it.
    RootModule        = 'Microsoft.PowerShell.SecretManagement.psm1'
    ModuleVersion     = '1.1.2'
    GUID              = '0d6d7c3f-5e7a-4b8e-9a55-5eedda2ce0f2'
    Author            = 'Seedance contributors'
    Description       = 'Test double of Microsoft.PowerShell.SecretManagement (in-memory vaults) for the Seedance tests.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @(
        'Clear-TestSecretStore'
        'Get-Secret'
        'Get-SecretInfo'
        'Get-SecretVault'
        'Register-SecretVault'
        'Remove-Secret'
        'Set-Secret'
        'Set-SecretVaultDefault'
        'Test-SecretVault'
        'Unlock-SecretVault'
        'Unregister-SecretVault'
    )
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
