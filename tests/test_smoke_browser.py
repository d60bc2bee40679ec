"""The built site opens in Chromium and a scenario page holds its whole tree."""


def test_scenario_page_has_tree(page, site_url):
    page.goto(site_url + "scenarios/negative-comment/")
    tree = page.locator('[data-tree="negative-comment"]')
    assert tree.count() == 1
    assert page.locator("[data-node]").count() == 7
    assert page.locator('[data-node="danger"][data-kind="question"]').count() == 1
