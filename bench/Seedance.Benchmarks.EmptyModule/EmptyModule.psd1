@{
    RootModule        = 'EmptyModule.dll'
    ModuleVersion     = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID              = '6f0c3a52-7d0e-4c55-9a53-2f0d6b1c9e41'
    Author            = 'Seedance contributors'
    Description       = 'A binary module with one cmdlet: the yardstick of the import-time benchmark.'
    PowerShellVersion = '5.1'
    CmdletsToExport   = @('Get-EmptyValue')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
