#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5: the table views in Seedance.format.ps1xml, as a console of 80 and of 160 columns shows them.

BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
    $script:formatFile = Join-Path $repositoryRoot 'src/Seedance/Seedance.format.ps1xml'
    $script:sandbox = Start-TestSandbox -ProcessingSeconds 0.3 -RateLimit 100000 -RateWindowSeconds 1
    $script:key = ConvertTo-SecureString -String $sandbox.ApiKey -AsPlainText -Force
    Set-SeedanceConfiguration -BaseUri $sandbox.BaseUri -RateLimit 100000 -RateLimitWindowSeconds 1 -JournalPath (Join-Path $TestDrive 'journal.jsonl')

    $script:longPrompt = 'A glass train crossing a snowy mountain bridge at dawn, steam rising from the valley below, wide shot'
    $script:partsPrompt = (New-SeedancePrompt -Subject 'a red fox' -Action 'trots through fresh snow' -NoConstraints).Prompt
    New-SeedanceVideo -Prompt $longPrompt -ApiKey $key | Out-Null
    New-SeedanceVideo -Prompt $partsPrompt -QualityTier pro -Resolution 1080p-plus -Duration 12 -ApiKey $key | Out-Null
    New-SeedanceVideo -Prompt 'A paper boat on a rainy street [fail]' -Resolution 1080p -ApiKey $key | Out-Null
    $script:tasks = @(Get-SeedanceTask | Wait-SeedanceTask -ApiKey $key -ErrorAction SilentlyContinue)
    $script:tasks += @(Get-SeedanceTask -Status failed)

    # The lines a console of $Width columns shows for $InputObject, without colour codes or blank lines.
    function Get-ShownLine {
        param($InputObject, [int] $Width, [string] $View)
        $formatted = if ($View) { $InputObject | Format-Table -View $View } else { $InputObject }
        @(($formatted | Out-String -Width $Width) -split '\r?\n' |
                ForEach-Object { $_ -replace '\x1b\[[0-9;]*m', '' } |
                Where-Object { $_.Trim() })
    }

    # Text the way the task views show a prompt: its lines joined by spaces.
    function Get-OneLine([string] $Text) {
        ($Text -split '\s*\r?\n\s*') -join ' '
    }

    # Asserts the table has one header, one rule and one line per row, each within $Width, with every column there.
    function Assert-WholeTable {
        param([string[]] $Lines, [int] $Width, [int] $Rows, [string[]] $Columns)
        $Lines.Count | Should -Be ($Rows + 2) -Because "a row that wraps adds lines: $($Lines -join "`n")"
        foreach ($line in $Lines) {
            $line.Length | Should -BeLessOrEqual $Width -Because "'$line' is wider than $Width columns"
        }
        ($Lines[0] -split '\s+' | Where-Object { $_ }) | Should -Be $Columns
        ($Lines[1] -split '\s+' | Where-Object { $_ }) | Should -Be ($Columns | ForEach-Object { '-' * $_.Length })
    }
}

AfterAll {
    Set-SeedanceConfiguration -Reset
    if ($script:sandbox) { $script:sandbox | Stop-TestSandbox }
    Remove-Module Seedance -ErrorAction SilentlyContinue
}

Describe 'Seedance.format.ps1xml' {
    It 'tests every view the format file has' {
        $views = ([xml](Get-Content -Raw -Path $formatFile)).Configuration.ViewDefinitions.View | ForEach-Object {
            '{0}/{1}' -f $_.ViewSelectedBy.TypeName, $_.Name
        }
        $views | Should -Be @(
            'Seedance.SeedanceTask/Seedance.SeedanceTask',
            'Seedance.SeedanceTask/Details',
            'Seedance.Journal.CreditUsage/Seedance.Journal.CreditUsage')
    }
}

Describe 'The default task view' {
    It 'shows the Id, Status and start of the Prompt of every task within 80 columns, one line each' {
        $lines = Get-ShownLine $tasks -Width 80

        Assert-WholeTable -Lines $lines -Width 80 -Rows $tasks.Count -Columns 'Id', 'Status', 'Credits', 'Age', 'Prompt'
        foreach ($task in $tasks) {
            $row = @($lines | Where-Object { $_.StartsWith($task.Id + ' ') })
            $row | Should -HaveCount 1 -Because "the whole id $($task.Id) starts its row"
            $row[0] | Should -Match ('^\S+\s+{0}\s+\d+\s+\d+m\d\ds {1}' -f $task.Status, [regex]::Escape((Get-OneLine $task.Prompt).Substring(0, 20)))
        }
    }

    It 'shows more of the prompt, on one line, in 160 columns' {
        $lines = Get-ShownLine $tasks -Width 160

        Assert-WholeTable -Lines $lines -Width 160 -Rows $tasks.Count -Columns 'Id', 'Status', 'Credits', 'Age', 'Prompt'
        ($lines -join "`n") | Should -Match ([regex]::Escape($longPrompt.Substring(0, 90)))
        ($lines -join "`n") | Should -Match ([regex]::Escape((Get-OneLine $partsPrompt)))
    }
}

Describe 'The Details task view' {
    It 'shows tier, resolution and duration beside the default columns in 120 columns' {
        $lines = Get-ShownLine $tasks -Width 120 -View Details

        Assert-WholeTable -Lines $lines -Width 120 -Rows $tasks.Count -Columns 'Id', 'Status', 'Tier', 'Resolution', 'Duration', 'Credits', 'Age', 'Prompt'
        $pro = $tasks | Where-Object { $_.QualityTier -eq 'pro' }
        @($lines | Where-Object { $_.StartsWith($pro.Id + ' ') })[0] | Should -Match '^\S+\s+completed\s+pro\s+1080p-plus\s+12s\s+\d+\s+\d+m\d\ds Subject: a red fox\.'
    }
}

Describe 'The credit usage view' {
    It 'shows every group and its credits within 80 columns' {
        $usage = @(Get-SeedanceCreditUsage -GroupBy Resolution)

        $lines = Get-ShownLine $usage -Width 80

        Assert-WholeTable -Lines $lines -Width 80 -Rows $usage.Count -Columns 'Group', 'Tasks', 'Unconfirmed', 'Used', 'Refunded', 'Net'
        foreach ($group in $usage) {
            $pattern = '^{0}\s+{1}\s+{2}\s+{3}\s+{4}\s+{5}$' -f [regex]::Escape($group.Group), $group.Tasks, $group.Unconfirmed, $group.CreditsUsed, $group.CreditsRefunded, $group.CreditsNet
            @($lines -match $pattern) | Should -HaveCount 1 -Because "group $($group.Group) has one whole row"
        }
    }

    It 'shows the total on one line within 80 columns' {
        $lines = Get-ShownLine (Get-SeedanceCreditUsage) -Width 80

        Assert-WholeTable -Lines $lines -Width 80 -Rows 1 -Columns 'Group', 'Tasks', 'Unconfirmed', 'Used', 'Refunded', 'Net'
        $lines[2] | Should -Match '^Total\s+3\s+0\s+\d+\s+\d+\s+\d+$'
    }
}
