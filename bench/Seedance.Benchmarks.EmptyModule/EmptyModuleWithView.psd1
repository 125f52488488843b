@{
    RootModule        = 'EmptyModule.dll'
    ModuleVersion     = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID              = '0b8f5f7e-3f43-4a0e-8d0c-6a4f2c9f7d15'
    Author            = 'Seedance contributors'
    Description       = 'The empty module plus one table view: what any module with a format file pays at import.'
    PowerShellVersion = '5.1'
    FormatsToProcess  = @('EmptyModule.format.ps1xml')
    CmdletsToExport   = @('Get-EmptyValue')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
