package com.example.springbootthymeleaf;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the signed-in user's name and the button that opens the Airbyte widget. */
@Controller
class HomeController {

    @GetMapping("/")
    String index(Principal user, Model model) {
        model.addAttribute("userName", user.getName());
        return "index";
    }
}
