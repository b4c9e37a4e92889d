//! QR codes of an answer's "more information" address, printed on the sheet so a patient can open
//! the page later on their own phone (the kiosk itself never opens outside pages).

use base64::Engine as _;
use qrcode::render::svg;
use qrcode::QrCode;

/// An `https://` address as a QR code, in an SVG `data:` URL an `<img>` can show under the CSP.
pub fn qr_data_url(address: &str) -> Result<String, String> {
    if !address.starts_with("https://") || address.len() > 2000 || address.chars().any(char::is_whitespace) {
        return Err("only https:// addresses are turned into QR codes".into());
    }
    let code = QrCode::new(address.as_bytes()).map_err(|e| format!("the address cannot be a QR code: {e}"))?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let encoded = base64::engine::general_purpose::STANDARD.encode(image);
    Ok(format!("data:image/svg+xml;base64,{encoded}"))
}

#[cfg(test)]
mod tests {
    use super::qr_data_url;

    #[test]
    fn https_addresses_become_svg_images() {
        let url = qr_data_url("https://www.cancer.gov/").expect("a QR code");
        assert!(
            url.starts_with("data:image/svg+xml;base64,"),
            "an image the sheet can show"
        );
    }

    #[test]
    fn other_schemes_are_refused() {
        assert!(
            qr_data_url("javascript:alert(1)").is_err(),
            "only https addresses are printed"
        );
        assert!(qr_data_url("http://example.com").is_err(), "plain http is refused too");
    }
}
