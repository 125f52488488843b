#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5: the help as Get-Help shows it in a console of 80 columns. PowerShell formats console output to one
# column less than the window (it keeps the last column free), so an 80-column console shows 79: `Out-String -Width 79`.

BeforeDiscovery {
    $manifest = Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1'
    $script:cmdlets = @((Test-ModuleManifest -Path $manifest -ErrorAction Stop).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
    $script:topics = @(Get-ChildItem -Path (Join-Path $PSScriptRoot '../../docs/en-US') -Filter 'about_*.md' | ForEach-Object { @{ Topic = $_.BaseName } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1') -Force -ErrorAction Stop

    # What Get-Help prints in a console of $Width columns, as lines without colour codes.
    function Get-HelpLine {
        param([string] $Name, [int] $Width, [switch] $Full)
        $help = if ($Full) { Get-Help -Name $Name -Full } else { Get-Help -Name $Name }
        @(($help | Out-String -Width $Width) -split '\r?\n' | ForEach-Object { ($_ -replace '\x1b\[[0-9;]*m', '').TrimEnd() })
    }

    # The columns a console gives a line: two for each wide East Asian character.
    function Get-Columns([string] $Line) {
        $Line.Length + ([regex]::Matches($Line, '[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]')).Count
    }

    # The lines with text outside the SYNTAX section and the common parameters' link, which PowerShell itself writes.
    function Remove-SyntaxSection {
        param([string[]] $Lines)
        $inSyntax = $false
        $inCommon = $false
        foreach ($line in $Lines) {
            if ($line -cmatch '^[A-Z][A-Z ]+$') { $inSyntax = $line -eq 'SYNTAX'; $inCommon = $false }
            if ($line -match '^\s+<CommonParameters>$') { $inCommon = $true }
            if (-not $inSyntax -and -not $inCommon -and $line) { $line }
        }
    }
}

AfterAll {
    Remove-Module Seedance -ErrorAction SilentlyContinue
}

Describe 'Cmdlet help in an 80-column console' {
    It 'shows <Name> -Full within 80 columns, no line cut by the console' -TestCases $cmdlets {
        param($Name)
        $narrow = @(Remove-SyntaxSection (Get-HelpLine -Name $Name -Width 79 -Full))
        $wide = @(Remove-SyntaxSection (Get-HelpLine -Name $Name -Width 1000 -Full))

        $tooLong = @($wide | Where-Object { (Get-Columns $_) -gt 79 })
        $tooLong | Should -BeNullOrEmpty -Because "an 80-column console shows 79 columns of these lines of Get-Help $Name -Full"
        $narrow | Should -Be $wide
    }

    It 'links <Name> to cmdlets and about topics by name' -TestCases $cmdlets {
        param($Name)
        $links = @((Get-Help -Name $Name).relatedLinks.navigationLink)

        $links | Should -Not -BeNullOrEmpty -Because "$Name's help has RELATED LINKS"
        foreach ($link in $links) {
            $link.uri | Should -Not -Match '\.md$' -Because 'a related link names a cmdlet or a topic, not a file'
            if (-not $link.uri) {
                $known = (Get-Command -Name $link.linkText -Module Seedance -ErrorAction SilentlyContinue) -or
                    ($link.linkText -like 'about_*' -and (Get-Help -Name $link.linkText -Category HelpFile -ErrorAction SilentlyContinue))
                $known | Should -BeTrue -Because "'$($link.linkText)' in $Name's RELATED LINKS is a Seedance cmdlet or about topic"
            }
        }
    }

    It 'shows the one-line submit, wait and save among New-SeedanceVideo''s examples' {
        $code = (Get-Help New-SeedanceVideo -Examples).examples.example | ForEach-Object { $_.code -split '\r?\n' }

        $code | Should -Contain "New-SeedanceVideo -Prompt 'A fox in fresh snow' -Wait -OutFile clip.mp4"
    }
}

Describe 'About topics in an 80-column console' {
    It 'shows <Topic> within 80 columns' -TestCases $topics {
        param($Topic)
        $lines = Get-HelpLine -Name $Topic -Width 79

        @($lines | Where-Object { (Get-Columns $_) -gt 79 }) | Should -BeNullOrEmpty -Because "Get-Help $Topic prints its lines as written, and an 80-column console shows 79 columns"
        $lines.Count | Should -BeGreaterThan 20
    }
}
